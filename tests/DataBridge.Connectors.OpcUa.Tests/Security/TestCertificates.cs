using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>Throwaway application instance certificates made in memory (Part 6 §6.2.2 key usages, SAN URI + DNS).</summary>
internal static class TestCertificates
{
    public const string ClientApplicationUri = "urn:databridge:test:client";

    private static readonly Lazy<X509Certificate2> Shared = new(() => Create(ClientApplicationUri));

    /// <summary>One RSA-2048 client certificate for the whole test run (key generation is slow on a busy machine).</summary>
    public static X509Certificate2 Client => Shared.Value;

    public static X509Certificate2 Create(string applicationUri, int keySize = 2048, string commonName = "DataBridge test client")
    {
        using var key = RSA.Create(keySize);
        var request = new CertificateRequest($"CN={commonName}, O=DataBridge tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(applicationUri));
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
    }
}
