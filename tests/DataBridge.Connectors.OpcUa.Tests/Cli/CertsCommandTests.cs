using DataBridge.Connectors.OpcUa.Security.Pki;
using DataBridge.Connectors.OpcUa.Tests.Security;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Cli;

/// <summary>The real <c>databridge certs</c> executable on a temporary store.</summary>
public sealed class CertsCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private static string DatabridgeDll
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return RepoPaths.Combine("src", "Bridge", "DataBridge.Cli", "bin", tfm.Parent!.Name, tfm.Name, "databridge.dll");
        }
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var process = ChildProcess.Start("dotnet", [DatabridgeDll, "certs", .. args, "--pki", _pki.Root]);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        log.WriteLine(process.Output);
        return (code, process.Output);
    }

    [Fact]
    public async Task Create_then_show_prints_our_certificate_and_show_without_one_fails_in_one_line()
    {
        var (missingCode, missing) = await RunAsync("show");
        Assert.Equal(1, missingCode);
        Assert.Contains("error: no application instance certificate", missing, StringComparison.Ordinal);
        Assert.Contains("databridge certs create", missing, StringComparison.Ordinal);

        var (code, created) = await RunAsync("create", "--application-uri", "urn:edge7:databridge", "--host", "edge7", "--name", "Edge 7");
        Assert.Equal(0, code);
        using var own = _pki.Store.LoadOwn(DateTimeOffset.UtcNow)!;
        Assert.Contains(own.Thumbprint, created, StringComparison.Ordinal);

        var (showCode, shown) = await RunAsync("show");
        Assert.Equal(0, showCode);
        Assert.Contains($"Thumbprint:     {own.Thumbprint}", shown, StringComparison.Ordinal);
        Assert.Contains("ApplicationUri: urn:edge7:databridge", shown, StringComparison.Ordinal);
        Assert.Contains("RSA 2048 bits", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_server_certificate_is_trusted_rejected_and_removed_by_thumbprint()
    {
        using var server = TestCertificates.SelfSignedServer();
        var validator = new ServerCertificateValidator(_pki.Store);
        var error = Assert.Throws<DataBridge.Connectors.OpcUa.Security.OpcUaCertificateException>(() =>
            validator.Validate(server, [], new(TestCertificates.EndpointUrl, TestCertificates.ServerUri, DataBridge.Connectors.OpcUa.Security.SecurityPolicies.Basic256Sha256)));
        Assert.Contains($"databridge certs trust {server.Thumbprint}", error.Message, StringComparison.Ordinal);

        var (listCode, list) = await RunAsync("list");
        Assert.Equal(0, listCode);
        Assert.Contains("rejected (1):", list, StringComparison.Ordinal);
        Assert.Contains(server.Thumbprint, list, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("trust", server.Thumbprint)).Code);
        Assert.Equal(server.Thumbprint, Assert.Single(_pki.Store.List(CertificateLocation.Trusted)).Thumbprint);
        validator.Validate(server, [], new(TestCertificates.EndpointUrl, TestCertificates.ServerUri, DataBridge.Connectors.OpcUa.Security.SecurityPolicies.Basic256Sha256));

        Assert.Equal(0, (await RunAsync("reject", server.Thumbprint)).Code);
        Assert.Empty(_pki.Store.List(CertificateLocation.Trusted));
        Assert.Single(_pki.Store.List(CertificateLocation.Rejected));

        Assert.Equal(0, (await RunAsync("remove", server.Thumbprint)).Code);
        Assert.Empty(_pki.Store.Find(server.Thumbprint));
        var (code, output) = await RunAsync("remove", server.Thumbprint);
        Assert.Equal(1, code);
        Assert.StartsWith("error: no certificate with thumbprint", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_with_a_file_imports_a_ca_into_issuers()
    {
        using var ca = TestCertificates.CreateCa("Plant CA");
        var file = Path.Combine(_pki.Root, "plant-ca.pem");
        await File.WriteAllTextAsync(file, ca.ExportCertificatePem());

        var (code, _) = await RunAsync("trust", file, "--issuer");

        Assert.Equal(0, code);
        Assert.Equal(ca.Thumbprint, Assert.Single(_pki.Store.List(CertificateLocation.Issuers)).Thumbprint);
    }
}
