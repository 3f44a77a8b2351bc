using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Bench.OpcUa;

/// <summary>A throwaway RSA-2048 application instance certificate for the secured bench run (in memory, never stored).</summary>
internal static class BenchCertificate
{
    public static X509Certificate2 Create(string applicationUri)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=DataBridge bench client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(applicationUri));
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
