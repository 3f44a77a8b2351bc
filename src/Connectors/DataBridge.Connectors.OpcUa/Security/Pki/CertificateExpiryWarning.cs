using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>Our certificate expires soon or has expired: a line for the start-up log and <c>/healthz</c>.</summary>
/// <param name="Thumbprint">The certificate's thumbprint.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="DaysLeft">Whole days left (negative once expired).</param>
/// <param name="Message">What it means and what to run.</param>
public sealed record CertificateExpiryWarning(string Thumbprint, DateTimeOffset NotAfter, int DaysLeft, string Message)
{
    /// <summary>The default warning window (30 days).</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromDays(30);

    /// <summary>A warning when <paramref name="certificate"/> expires within <paramref name="within"/> of <paramref name="now"/>, else null.</summary>
    public static CertificateExpiryWarning? Check(X509Certificate2 certificate, DateTimeOffset now, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var left = notAfter - now;
        if (left > (within ?? DefaultWindow))
        {
            return null;
        }

        var days = (int)Math.Floor(left.TotalDays);
        var when = notAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var message = left <= TimeSpan.Zero
            ? $"The application instance certificate {CertificateFields.Describe(certificate)} expired on {when}; servers refuse it. Create a new one with 'databridge certs create' and trust it on the servers."
            : $"The application instance certificate {CertificateFields.Describe(certificate)} expires on {when} ({days} days left). Create a new one with 'databridge certs create', trust it on the servers, then remove the old one with 'databridge certs remove {certificate.Thumbprint}'.";
        return new CertificateExpiryWarning(certificate.Thumbprint, notAfter, days, message);
    }
}
