package org.gridlens.geodata.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * One report as a client sends it, before it is checked against the code list, the district and the
 * clock (see {@link IncidentIntake}). The compact constructor refuses what no database could settle:
 * missing fields, over-long text, a photo URL that is not http(s).
 *
 * @param source          who reported
 * @param sourceId        the client's id of the report (1–64 characters); resending it never duplicates
 * @param categoryCode    minor-class code from the code list (event, component 'C…' or service 'S…')
 * @param location        where
 * @param reportedAt      when the reporter saw it
 * @param description     free text, at most {@link #MAX_DESCRIPTION} characters, or null
 * @param photoUrl        http(s) URL of a photo, or null
 * @param householdCode   service orders: the ordering household's housing-unit code, else null
 * @param urgency         service orders: urgency, else null
 * @param timeFromServer  true when the server, not the client, set {@code reportedAt} (Open311 posts carry
 *                        no time): the time is then left out of the payload hash, so a retry still matches
 */
public record IncidentReport(IncidentSource source, String sourceId, String categoryCode, ReportLocation location,
                             Instant reportedAt, String description, String photoUrl, String householdCode,
                             Urgency urgency, boolean timeFromServer) {

    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_SOURCE_ID = 64;

    public IncidentReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reportedAt, "reportedAt");
        if (sourceId == null || sourceId.isBlank() || sourceId.length() > MAX_SOURCE_ID) {
            throw new IllegalArgumentException("sourceId must have 1 to " + MAX_SOURCE_ID + " characters");
        }
        if (categoryCode == null || categoryCode.isBlank() || categoryCode.length() > 12) {
            throw new IllegalArgumentException("category must have 1 to 12 characters");
        }
        if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (photoUrl != null && (photoUrl.length() > 2000 || !photoUrl.matches("(?i)https?://[^\\s]+"))) {
            throw new IllegalArgumentException("photoUrl must be an absolute http or https URL of at most 2000 characters");
        }
        if (householdCode != null && (householdCode.isBlank() || householdCode.length() > 40)) {
            throw new IllegalArgumentException("household must have 1 to 40 characters");
        }
    }

    /** SHA-256 of the normalised payload: equal for a faithful resend, different for any changed field. */
    public byte[] payloadHash() {
        String canonical = String.join("\u001f", source.code(), sourceId, categoryCode, location.canonical(),
                timeFromServer ? "server-time" : reportedAt.toString(), String.valueOf(description), String.valueOf(photoUrl), String.valueOf(householdCode),
                urgency == null ? "null" : urgency.code());
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return sha256.digest(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One digest per thread: {@link MessageDigest#getInstance} searches the security providers on every call
     * (a tenth of the intake writers' CPU in a profile of single intake). A digest is not thread-safe.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });
}
