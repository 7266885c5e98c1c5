/** The GridLens server: the only module that knows HTTP (Javalin app factory, CLI, start-up). */
package org.gridlens.server;
