namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>How <see cref="ServerCertificateValidator"/> decides.</summary>
public sealed record ServerCertificateValidatorOptions
{
    /// <summary>
    /// Trusts an unknown server certificate on first contact by copying it into <c>trusted/certs</c> (with a warning
    /// in the log). Off by default: a user trusts a server with <c>databridge certs trust</c>. Only the trust check is
    /// skipped; expiry, host name, ApplicationUri, key length and revocation still apply.
    /// </summary>
    public bool AutoAcceptUntrusted { get; init; }

    /// <summary>
    /// Accepts a CA-issued certificate whose CA has no revocation list in <c>trusted/crl</c> or <c>issuers/crl</c>.
    /// Off by default, as Part 4 §6.1.3 ("Find Revocation List") asks: put the CA's CRL next to it instead.
    /// </summary>
    public bool AllowUnknownRevocationStatus { get; init; }

    /// <summary>The clock for validity periods (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
