using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Connectors.OpcUa.Security.Pki;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Identity;

/// <summary>Every error and log line of the PKI and identity code, collected and searched for the password and key material.</summary>
public sealed class NoSecretLeakTests : IDisposable
{
    private const string Password = "Leak-Canary-7781!";
    private readonly TempPki _pki = new();
    private readonly string _variable = "DATABRIDGE_TEST_LEAK_" + Guid.NewGuid().ToString("N");

    public NoSecretLeakTests() => Environment.SetEnvironmentVariable(_variable, Password);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _pki.Dispose();
    }

    [Fact]
    public void No_password_or_private_key_appears_in_exceptions_logs_or_descriptions()
    {
        var texts = new List<string>();
        using var own = _pki.Store.CreateOwn(new ApplicationCertificateSettings { ApplicationUri = "urn:edge7:databridge", HostNames = ["edge7"] }, TestCertificates.Now);
        var keyPem = File.ReadAllText(_pki.Store.PrivateKeyPathOf(own)!);
        var keyLines = keyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).ToList();

        // A broken key file holding half a real key: the import error must not quote it.
        var certFile = Path.Combine(_pki.Root, "c.pem");
        var brokenKey = Path.Combine(_pki.Root, "k.pem");
        File.WriteAllText(certFile, own.ExportCertificatePem());
        File.WriteAllText(brokenKey, "-----BEGIN PRIVATE KEY-----\n" + string.Join('\n', keyLines.Take(5)) + "\n-----END PRIVATE KEY-----\n");
        texts.Add(Assert.Throws<CertificateStoreException>(() => _pki.Store.ImportOwn(certFile, brokenKey)).ToString());

        // Validator failures and the auto-accept warning.
        var log = new ListLogger();
        using var server = TestCertificates.SelfSignedServer();
        var context = new ServerCertificateContext("opc.tcp://elsewhere:4840", TestCertificates.ServerUri, SecurityPolicies.Basic256Sha256);
        texts.Add(Assert.Throws<OpcUaCertificateException>(() => new ServerCertificateValidator(_pki.Store, null, log).Validate(server, [], context)).ToString());
        texts.Add(Assert.Throws<OpcUaCertificateException>(() => new ServerCertificateValidator(_pki.Store, new() { AutoAcceptUntrusted = true }, log).Validate(server, [], context)).ToString());
        texts.Add(log.All);

        // Identity refusals and descriptions.
        var identity = UserIdentity.UserName("operator", SecretReference.Parse("${" + _variable + "}"));
        var plainOnly = new EndpointDescription
        {
            EndpointUrl = TestCertificates.EndpointUrl,
            SecurityPolicyUri = SecurityPolicies.None.Uri,
            UserIdentityTokens = [new UserTokenPolicy { PolicyId = "plain", TokenType = UserTokenType.UserName, SecurityPolicyUri = SecurityPolicies.None.Uri }],
        };
        texts.Add(Assert.Throws<UserIdentityException>(() => UserIdentityTokens.Create(identity, plainOnly, server.RawData, new byte[32], false)).ToString());
        var encrypted = new EndpointDescription
        {
            EndpointUrl = TestCertificates.EndpointUrl,
            SecurityPolicyUri = SecurityPolicies.None.Uri,
            UserIdentityTokens = [new UserTokenPolicy { PolicyId = "enc", TokenType = UserTokenType.UserName, SecurityPolicyUri = SecurityPolicies.Basic256Sha256.Uri }],
        };
        texts.Add(Assert.Throws<UserIdentityException>(() => UserIdentityTokens.Create(identity, encrypted, server.RawData, new byte[8], false)).ToString());
        texts.Add(identity.ToString());
        texts.Add(UserIdentity.Certificate(own).ToString());

        var all = string.Join('\n', texts);
        Assert.Contains("BadCertificateHostNameInvalid", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY-----", all, StringComparison.Ordinal);
        foreach (var line in keyLines)
        {
            Assert.DoesNotContain(line, all, StringComparison.Ordinal);
        }
    }
}
