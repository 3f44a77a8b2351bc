using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Pki;
using DataBridge.Core;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Pki;

public sealed class ServerCertificateValidatorTests : IDisposable
{
    private readonly TempPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestCertificates.Now);
    private readonly ListLogger _log = new();

    public void Dispose() => _pki.Dispose();

    private static ServerCertificateContext Context(string endpoint = TestCertificates.EndpointUrl, string? uri = TestCertificates.ServerUri, SecurityPolicy? policy = null) =>
        new(endpoint, uri, policy ?? SecurityPolicies.Basic256Sha256);

    private ServerCertificateValidator Validator(bool autoAccept = false, bool allowUnknownRevocation = false) =>
        new(_pki.Store, new ServerCertificateValidatorOptions { AutoAcceptUntrusted = autoAccept, AllowUnknownRevocationStatus = allowUnknownRevocation, TimeProvider = _time }, _log);

    private OpcUaCertificateException Refused(X509Certificate2 certificate, ServerCertificateContext? context = null, X509Certificate2Collection? chain = null, ServerCertificateValidator? validator = null) =>
        Assert.Throws<OpcUaCertificateException>(() => (validator ?? Validator()).Validate(certificate, chain ?? [], context ?? Context()));

    [Fact]
    public void An_unknown_server_certificate_lands_in_rejected_and_the_error_names_the_trust_command()
    {
        using var server = TestCertificates.SelfSignedServer();

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
        Assert.StartsWith("BadCertificateUntrusted: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(server.Thumbprint, error.Thumbprint);
        var rejected = Assert.Single(_pki.Store.List(CertificateLocation.Rejected));
        Assert.Equal(server.Thumbprint, rejected.Thumbprint);
        Assert.Contains($"databridge certs trust {server.Thumbprint} --pki {_pki.Root}", error.Message, StringComparison.Ordinal);
        Assert.Contains(rejected.Path, error.Message, StringComparison.Ordinal);

        // Running what the message says makes the next attempt succeed.
        _pki.Store.Trust(server.Thumbprint);
        Validator().Validate(server, [], Context());
        Assert.Empty(_pki.Store.List(CertificateLocation.Rejected));
    }

    [Fact]
    public void Auto_accept_trusts_an_unknown_certificate_with_a_warning()
    {
        using var server = TestCertificates.SelfSignedServer();

        Validator(autoAccept: true).Validate(server, [], Context());

        Assert.Equal(server.Thumbprint, Assert.Single(_pki.Store.List(CertificateLocation.Trusted)).Thumbprint);
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains(server.Thumbprint, StringComparison.Ordinal) && l.Contains("autoAcceptUntrusted", StringComparison.Ordinal));
        Validator().Validate(server, [], Context());
    }

    [Fact]
    public void Auto_accept_still_refuses_an_expired_certificate()
    {
        using var server = TestCertificates.SelfSignedServer();
        _time.SetUtcNow(new DateTimeOffset(server.NotAfter.ToUniversalTime(), TimeSpan.Zero).AddDays(1));

        var error = Refused(server, validator: Validator(autoAccept: true));

        Assert.Equal(StatusCodes.BadCertificateTimeInvalid, error.StatusCode.Code);
    }

    [Fact]
    public void An_expired_trusted_certificate_is_refused_with_its_validity_period()
    {
        using var server = TestCertificates.SelfSignedServer();
        _pki.Store.Add(CertificateLocation.Trusted, server);
        _time.SetUtcNow(new DateTimeOffset(server.NotAfter.ToUniversalTime(), TimeSpan.Zero).AddDays(3));

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateTimeInvalid, error.StatusCode.Code);
        Assert.Contains("is expired: valid from", error.Message, StringComparison.Ordinal);
        Assert.Contains("renew", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused()
    {
        using var server = TestCertificates.SelfSignedServer(now: TestCertificates.Now.AddDays(2));
        _pki.Store.Add(CertificateLocation.Trusted, server);

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateTimeInvalid, error.StatusCode.Code);
        Assert.Contains("not yet valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_certificate_issued_by_a_trusted_ca_with_its_crl_is_accepted_without_being_listed_itself()
    {
        using var ca = TestCertificates.CreateCa("Plant Root CA");
        using var server = TestCertificates.Issue(ca);
        _pki.Store.Add(CertificateLocation.Trusted, ca);
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.TrustedCrl, "plant-root.crl"), TestCertificates.Crl(ca));

        Validator().Validate(server, [], Context());
        Assert.Empty(_pki.Store.List(CertificateLocation.Rejected));
    }

    [Fact]
    public void A_chain_through_an_intermediate_in_issuers_to_a_trusted_root_is_accepted()
    {
        using var root = TestCertificates.CreateCa("Plant Root CA");
        using var intermediate = TestCertificates.CreateCa("Plant Issuing CA", root);
        using var server = TestCertificates.Issue(intermediate);
        _pki.Store.Add(CertificateLocation.Trusted, root);
        _pki.Store.Add(CertificateLocation.Issuers, intermediate);
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.TrustedCrl, "root.crl"), TestCertificates.Crl(root));
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.IssuerCrl, "issuing.crl"), TestCertificates.Crl(intermediate));

        Validator().Validate(server, [], Context());
    }

    [Fact]
    public void An_intermediate_sent_by_the_server_completes_the_chain()
    {
        using var root = TestCertificates.CreateCa("Plant Root CA");
        using var intermediate = TestCertificates.CreateCa("Plant Issuing CA", root);
        using var server = TestCertificates.Issue(intermediate);
        _pki.Store.Add(CertificateLocation.Trusted, root);

        Validator(allowUnknownRevocation: true).Validate(server, [X509CertificateLoader.LoadCertificate(intermediate.RawData)], Context());
    }

    [Fact]
    public void A_ca_only_in_issuers_does_not_make_its_certificates_trusted()
    {
        using var ca = TestCertificates.CreateCa("Plant Root CA");
        using var server = TestCertificates.Issue(ca);
        _pki.Store.Add(CertificateLocation.Issuers, ca);

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
    }

    [Fact]
    public void A_trusted_certificate_whose_issuer_is_missing_is_refused_as_an_incomplete_chain()
    {
        using var ca = TestCertificates.CreateCa("Plant Root CA");
        using var server = TestCertificates.Issue(ca);
        _pki.Store.Add(CertificateLocation.Trusted, server);

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateChainIncomplete, error.StatusCode.Code);
        Assert.Contains(_pki.Store.Directory.IssuerCerts, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_revoked_by_the_ca_crl_is_refused()
    {
        using var ca = TestCertificates.CreateCa("Plant Root CA");
        using var server = TestCertificates.Issue(ca);
        using var other = TestCertificates.Issue(ca);
        _pki.Store.Add(CertificateLocation.Trusted, ca);
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.TrustedCrl, "plant-root.crl"), TestCertificates.Crl(ca, server));

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateRevoked, error.StatusCode.Code);
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
        Assert.Contains("plant-root.crl", error.Message, StringComparison.Ordinal);
        Validator().Validate(other, [], Context());
    }

    [Fact]
    public void A_revoked_intermediate_is_refused_as_issuer_revoked()
    {
        using var root = TestCertificates.CreateCa("Plant Root CA");
        using var intermediate = TestCertificates.CreateCa("Plant Issuing CA", root);
        using var server = TestCertificates.Issue(intermediate);
        _pki.Store.Add(CertificateLocation.Trusted, root);
        _pki.Store.Add(CertificateLocation.Issuers, intermediate);
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.TrustedCrl, "root.crl"), TestCertificates.Crl(root, intermediate));
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.IssuerCrl, "issuing.crl"), TestCertificates.Crl(intermediate));

        Assert.Equal(StatusCodes.BadCertificateIssuerRevoked, Refused(server).StatusCode.Code);
    }

    [Fact]
    public void A_crl_signed_by_another_key_is_not_believed()
    {
        using var ca = TestCertificates.CreateCa("Plant Root CA");
        using var impostor = TestCertificates.CreateCa("Plant Root CA");
        using var server = TestCertificates.Issue(ca);
        _pki.Store.Add(CertificateLocation.Trusted, ca);
        File.WriteAllBytes(Path.Combine(_pki.Store.Directory.TrustedCrl, "forged.crl"), TestCertificates.Crl(impostor));

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificateRevocationUnknown, error.StatusCode.Code);
        Assert.Contains(_pki.Store.Directory.TrustedCrl, error.Message, StringComparison.Ordinal);
        Validator(allowUnknownRevocation: true).Validate(server, [], Context());
    }

    [Fact]
    public void An_application_uri_other_than_the_servers_is_refused()
    {
        using var server = TestCertificates.SelfSignedServer();
        _pki.Store.Add(CertificateLocation.Trusted, server);

        var error = Refused(server, Context(uri: "urn:other-server:ua"));

        Assert.Equal(StatusCodes.BadCertificateUriInvalid, error.StatusCode.Code);
        Assert.Contains("urn:other-server:ua", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestCertificates.ServerUri, error.Message, StringComparison.Ordinal);
        Validator().Validate(server, [], Context(uri: null));
    }

    [Fact]
    public void An_endpoint_host_missing_from_the_san_is_refused_and_an_ip_in_the_san_is_accepted()
    {
        using var server = TestCertificates.SelfSignedServer();
        _pki.Store.Add(CertificateLocation.Trusted, server);

        var error = Refused(server, Context(endpoint: "opc.tcp://10.0.0.8:4840/ua"));

        Assert.Equal(StatusCodes.BadCertificateHostNameInvalid, error.StatusCode.Code);
        Assert.Contains("'10.0.0.8'", error.Message, StringComparison.Ordinal);
        Assert.Contains("plant-server, 10.0.0.7", error.Message, StringComparison.Ordinal);
        Validator().Validate(server, [], Context(endpoint: "opc.tcp://10.0.0.7:4840/ua"));
        Validator().Validate(server, [], Context(endpoint: "opc.tcp://PLANT-SERVER:4840"));
    }

    [Fact]
    public void A_key_shorter_than_the_policy_allows_is_refused()
    {
        using var server = TestCertificates.SelfSignedServerWithKey(1024);
        _pki.Store.Add(CertificateLocation.Trusted, server);

        var error = Refused(server);

        Assert.Equal(StatusCodes.BadCertificatePolicyCheckFailed, error.StatusCode.Code);
        Assert.Contains("1024-bit", error.Message, StringComparison.Ordinal);
        Assert.Contains("2048 to 4096", error.Message, StringComparison.Ordinal);
        Validator().Validate(server, [], Context(policy: SecurityPolicies.Basic256));
    }

    [Fact]
    public void A_certificate_with_a_broken_signature_is_refused_as_invalid()
    {
        using var server = TestCertificates.SelfSignedServer();
        var bytes = server.RawData;
        bytes[^5] ^= 0x40; // inside the signature BIT STRING
        using var forged = X509CertificateLoader.LoadCertificate(bytes);

        var error = Refused(forged);

        Assert.Equal(StatusCodes.BadCertificateInvalid, error.StatusCode.Code);
        Assert.Empty(_pki.Store.List(CertificateLocation.Rejected));
    }

    [Fact]
    public void A_certificate_without_server_usage_is_refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = ApplicationCertificateFactory.CreateRequest(TestCertificates.ServerSettings(), rsa);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var server = request.CreateSelfSigned(TestCertificates.Now.AddDays(-1), TestCertificates.Now.AddYears(1));
        _pki.Store.Add(CertificateLocation.Trusted, server);

        Assert.Equal(StatusCodes.BadCertificateUseNotAllowed, Refused(server).StatusCode.Code);
    }
}
