using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// A certificate check failed (Part 4 §6.1.3): the server's certificate is untrusted, expired, revoked, for another
/// application or host, or too weak for the policy; or our own certificate is missing or unusable.
/// <see cref="StatusCode"/> is the OPC UA code for the check (e.g. BadCertificateUntrusted); the message names the
/// certificate by subject and thumbprint and says what to do (e.g. the <c>databridge certs trust</c> command to run).
/// </summary>
public sealed class OpcUaCertificateException : OpcUaException
{
    /// <summary>Creates the exception.</summary>
    public OpcUaCertificateException(StatusCode statusCode, string message, string? thumbprint = null, Exception? innerException = null)
        : base($"{statusCode.Name}: {message}", innerException)
    {
        StatusCode = statusCode;
        Thumbprint = thumbprint;
    }

    /// <summary>Creates the exception (BadCertificateInvalid).</summary>
    public OpcUaCertificateException()
        : this(StatusCodes.BadCertificateInvalid, "The certificate is invalid.")
    {
    }

    /// <summary>Creates the exception (BadCertificateInvalid).</summary>
    public OpcUaCertificateException(string message)
        : this(StatusCodes.BadCertificateInvalid, message)
    {
    }

    /// <summary>Creates the exception (BadCertificateInvalid).</summary>
    public OpcUaCertificateException(string message, Exception innerException)
        : this(StatusCodes.BadCertificateInvalid, message, null, innerException)
    {
    }

    /// <summary>The OPC UA status code of the failed check.</summary>
    public override StatusCode StatusCode { get; }

    /// <summary>False: a person must act (trust the certificate, renew it, fix the host name) before a retry can succeed.</summary>
    public override bool IsTransient => false;

    /// <summary>SHA-1 thumbprint (hex) of the certificate concerned, when there is one.</summary>
    public string? Thumbprint { get; }
}
