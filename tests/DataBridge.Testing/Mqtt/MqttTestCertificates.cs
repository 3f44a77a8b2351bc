using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Testing.Mqtt;

/// <summary>
/// A throwaway CA, a server certificate for 127.0.0.1/localhost and a client certificate, generated in the test with
/// System.Security.Cryptography and written as PEM files (what Mosquitto and the connector read).
/// </summary>
public sealed class MqttTestCertificates : IDisposable
{
    private MqttTestCertificates(string directory) => Directory = directory;

    /// <summary>The folder holding the files.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM).</summary>
    public string CaPath => Path.Combine(Directory, "ca.crt");

    /// <summary>The server certificate (PEM), issued by the CA for localhost and 127.0.0.1.</summary>
    public string ServerCertificatePath => Path.Combine(Directory, "server.crt");

    /// <summary>The server key (PEM, PKCS#8).</summary>
    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    /// <summary>A client certificate issued by the CA (PEM).</summary>
    public string ClientCertificatePath => Path.Combine(Directory, "client.crt");

    /// <summary>The client key (PEM, PKCS#8).</summary>
    public string ClientKeyPath => Path.Combine(Directory, "client.key");

    /// <summary>A second, unrelated CA (PEM): trusting it instead of the real one must fail.</summary>
    public string OtherCaPath => Path.Combine(Directory, "other-ca.crt");

    /// <summary>Generates the files in a new temporary folder.</summary>
    public static MqttTestCertificates Create()
    {
        var result = new MqttTestCertificates(System.IO.Directory.CreateTempSubdirectory("databridge-mqtt-pki-").FullName);
        using var caKey = RSA.Create(2048);
        using var ca = CreateCa("CN=DataBridge Test MQTT CA", caKey);
        File.WriteAllText(result.CaPath, ca.ExportCertificatePem());

        using var serverKey = RSA.Create(2048);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        using (var server = Issue(ca, "CN=localhost", serverKey, san.Build(), "1.3.6.1.5.5.7.3.1"))
        {
            File.WriteAllText(result.ServerCertificatePath, server.ExportCertificatePem());
        }

        File.WriteAllText(result.ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = RSA.Create(2048);
        using (var client = Issue(ca, "CN=databridge-client", clientKey, null, "1.3.6.1.5.5.7.3.2"))
        {
            File.WriteAllText(result.ClientCertificatePath, client.ExportCertificatePem());
        }

        File.WriteAllText(result.ClientKeyPath, clientKey.ExportPkcs8PrivateKeyPem());

        using var otherKey = RSA.Create(2048);
        using var other = CreateCa("CN=Some Other CA", otherKey);
        File.WriteAllText(result.OtherCaPath, other.ExportCertificatePem());
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static X509Certificate2 CreateCa(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, RSA key, X509Extension? san, string usageOid)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        // CreateSelfSigned left the CA certificate holding its key, so it signs directly.
        return request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
    }
}
