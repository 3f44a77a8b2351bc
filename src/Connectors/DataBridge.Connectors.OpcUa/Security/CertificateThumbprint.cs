using System.Security.Cryptography;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>Part 6 §6.7.2.3: certificates are named on the wire by their SHA-1 thumbprint (an identifier, not a signature).</summary>
internal static class CertificateThumbprint
{
#pragma warning disable CA5350 // SHA-1 is what the specification prescribes for thumbprints; it protects nothing.
    public static byte[] Of(ReadOnlySpan<byte> der) => SHA1.HashData(der);
#pragma warning restore CA5350
}
