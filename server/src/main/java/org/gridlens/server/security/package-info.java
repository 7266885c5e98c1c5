/** Authentication (tokens, sessions), deny-by-default route access, CSRF, security headers, login and admin routes. */
package org.gridlens.server.security;
