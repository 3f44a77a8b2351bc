using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Security.Pki;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Pki;

public sealed class CertificateStoreTests : IDisposable
{
    private readonly TempPki _pki = new();

    private static ApplicationCertificateSettings Ours => new()
    {
        ApplicationUri = "urn:edge7:databridge",
        ApplicationName = "DataBridge edge7",
        HostNames = ["edge7", "192.168.10.5"],
    };

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void Store_creates_the_part12_folder_layout()
    {
        foreach (var folder in new[] { "own/certs", "own/private", "trusted/certs", "trusted/crl", "issuers/certs", "issuers/crl", "rejected/certs" })
        {
            Assert.True(Directory.Exists(Path.Combine(_pki.Root, folder)), folder);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_pki.Root, "own", "private")));
        }
    }

    [Fact]
    public void Own_certificate_is_created_on_first_use_with_a_private_key_file_readable_by_its_owner_only()
    {
        Assert.Null(_pki.Store.LoadOwn(TestCertificates.Now));

        using var created = _pki.Store.LoadOrCreateOwn(Ours, TestCertificates.Now);

        var keyFile = Assert.Single(Directory.GetFiles(_pki.Store.Directory.OwnPrivate));
        Assert.Equal($"DataBridge edge7 [{created.Thumbprint}].pem", Path.GetFileName(keyFile));
        Assert.Single(Directory.GetFiles(_pki.Store.Directory.OwnCerts), f => f.EndsWith($"[{created.Thumbprint}].der", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyFile), StringComparison.Ordinal);

        // A second start loads the same certificate, with its private key.
        using var loaded = _pki.Store.LoadOrCreateOwn(Ours, TestCertificates.Now.AddDays(1));
        Assert.Equal(created.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        using var key = loaded.GetRSAPrivateKey()!;
        var signature = key.SignData(new byte[] { 1, 2, 3 }, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var publicKey = created.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Own_certificate_has_the_fields_part6_asks_for()
    {
        using var certificate = _pki.Store.CreateOwn(Ours, TestCertificates.Now);

        Assert.Equal("urn:edge7:databridge", CertificateFields.ApplicationUri(certificate));
        Assert.Equal(["edge7"], CertificateFields.DnsNames(certificate));
        Assert.Equal(["192.168.10.5"], CertificateFields.IpAddresses(certificate));
        Assert.Equal("DataBridge edge7", CertificateFields.CommonName(certificate));
        Assert.Contains("DC=edge7", certificate.Subject, StringComparison.Ordinal);
        Assert.Equal(2048, CertificateFields.RsaKeySize(certificate));
        Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm.Value); // sha256WithRSAEncryption
        Assert.Equal(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyCertSign,
            CertificateFields.KeyUsages(certificate));
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], CertificateFields.ExtendedKeyUsages(certificate));
        Assert.False(CertificateFields.IsCertificateAuthority(certificate));
        Assert.True(CertificateFields.IsSelfSigned(certificate));
        var lifetime = certificate.NotAfter.ToUniversalTime() - certificate.NotBefore.ToUniversalTime();
        Assert.Equal(5 * 365, (int)Math.Round(lifetime.TotalDays));
        Assert.True(certificate.NotBefore.ToUniversalTime() <= TestCertificates.Now.UtcDateTime);
    }

    [Fact]
    public void Renewal_keeps_the_old_certificate_until_it_is_removed_and_the_new_one_is_used()
    {
        using var old = _pki.Store.CreateOwn(Ours, TestCertificates.Now.AddYears(-4));
        using var renewed = _pki.Store.CreateOwn(Ours, TestCertificates.Now);

        Assert.Equal(2, _pki.Store.List(CertificateLocation.Own).Count);
        using (var current = _pki.Store.LoadOwn(TestCertificates.Now)!)
        {
            Assert.Equal(renewed.Thumbprint, current.Thumbprint);
        }

        var removed = _pki.Store.Remove(old.Thumbprint);
        Assert.Equal(CertificateLocation.Own, Assert.Single(removed).Location);
        Assert.Single(_pki.Store.List(CertificateLocation.Own));
        Assert.Single(Directory.GetFiles(_pki.Store.Directory.OwnPrivate));
    }

    [Fact]
    public void Expiry_within_30_days_is_reported_and_names_the_renewal_command()
    {
        using var own = _pki.Store.CreateOwn(Ours, TestCertificates.Now);
        var notAfter = new DateTimeOffset(own.NotAfter.ToUniversalTime(), TimeSpan.Zero);

        Assert.Null(_pki.Store.CheckOwnExpiry(notAfter.AddDays(-31)));
        var soon = _pki.Store.CheckOwnExpiry(notAfter.AddDays(-12).AddHours(-1));
        Assert.NotNull(soon);
        Assert.Equal(12, soon.DaysLeft);
        Assert.Contains("databridge certs create", soon.Message, StringComparison.Ordinal);
        Assert.Contains(own.Thumbprint, soon.Message, StringComparison.Ordinal);
        var expired = _pki.Store.CheckOwnExpiry(notAfter.AddDays(2));
        Assert.NotNull(expired);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_from_the_plant_ca_is_imported_with_its_key_and_a_foreign_key_is_refused()
    {
        using var ca = TestCertificates.CreateCa("Plant CA");
        using var issued = TestCertificates.Issue(ca, Ours);
        var certFile = Path.Combine(_pki.Root, "edge7.pem");
        var keyFile = Path.Combine(_pki.Root, "edge7.key");
        File.WriteAllText(certFile, issued.ExportCertificatePem());
        using (var key = issued.GetRSAPrivateKey()!)
        {
            File.WriteAllText(keyFile, key.ExportRSAPrivateKeyPem());
        }

        using var imported = _pki.Store.ImportOwn(certFile, keyFile);
        Assert.Equal(issued.Thumbprint, imported.Thumbprint);
        using var loaded = _pki.Store.LoadOwn(TestCertificates.Now)!;
        Assert.Equal(issued.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);

        using var other = RSA.Create(2048);
        File.WriteAllText(keyFile, other.ExportPkcs8PrivateKeyPem());
        var error = Assert.Throws<CertificateStoreException>(() => _pki.Store.ImportOwn(certFile, keyFile));
        Assert.Contains("does not belong to", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_reject_and_remove_move_files_between_the_lists()
    {
        using var server = TestCertificates.SelfSignedServer();
        _pki.Store.Add(CertificateLocation.Rejected, server);

        var trusted = _pki.Store.Trust(server.Thumbprint.ToLowerInvariant());
        Assert.Equal(CertificateLocation.Trusted, trusted.Location);
        Assert.Empty(_pki.Store.List(CertificateLocation.Rejected));
        Assert.Equal(server.Thumbprint, Assert.Single(_pki.Store.List(CertificateLocation.Trusted)).Thumbprint);

        var rejected = _pki.Store.Reject(server.Thumbprint);
        Assert.Equal(CertificateLocation.Rejected, rejected.Location);
        Assert.Empty(_pki.Store.List(CertificateLocation.Trusted));

        _pki.Store.Remove(server.Thumbprint);
        Assert.Empty(_pki.Store.Find(server.Thumbprint));
        var error = Assert.Throws<CertificateStoreException>(() => _pki.Store.Trust(server.Thumbprint));
        Assert.Contains("databridge certs list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_file_is_imported_into_trusted_or_issuers()
    {
        using var ca = TestCertificates.CreateCa("Plant CA");
        var file = Path.Combine(_pki.Root, "ca.crt");
        File.WriteAllText(file, ca.ExportCertificatePem());

        var issuer = _pki.Store.Import(file, CertificateLocation.Issuers);
        Assert.Equal(CertificateLocation.Issuers, issuer.Location);
        Assert.Equal(ca.Thumbprint, Assert.Single(_pki.Store.List(CertificateLocation.Issuers)).Thumbprint);
        Assert.True(File.ReadAllBytes(issuer.Path).AsSpan().SequenceEqual(ca.RawData));

        File.WriteAllText(file, "not a certificate");
        Assert.Throws<CertificateStoreException>(() => _pki.Store.Import(file));
    }

    [Fact]
    public void Subject_alternative_names_are_read_for_ipv6_too()
    {
        using var certificate = TestCertificates.SelfSignedServer(TestCertificates.ServerSettings("plant-server", "fe80::1"));
        Assert.Equal([IPAddress.Parse("fe80::1").ToString()], CertificateFields.IpAddresses(certificate));
    }
}
