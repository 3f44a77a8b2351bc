using System.Globalization;
using DataBridge.Testing.Support;

namespace DataBridge.Testing.OpcUa;

/// <summary>
/// node-opcua's <c>identity-server.js</c>: user "operator" with <see cref="Password"/>, optionally one trusted X.509
/// user certificate, anonymous refused; None only, or (<c>secure</c>) Basic256Sha256 Sign and SignAndEncrypt only.
/// It serves <see cref="CounterNode"/>, counting up every 100 ms. Killed and its PKI deleted on dispose.
/// </summary>
public sealed class IdentityPeer : IAsyncDisposable
{
    public const string UserName = "operator";

    public const string Namespace = "urn:databridge:identity";

    public const string CounterNode = "nsu=" + Namespace + ";s=Counter";

    private readonly ChildProcess _process;

    private IdentityPeer(ChildProcess process, string endpointUrl, string advertisedUrl, string pkiDirectory, string password)
    {
        _process = process;
        EndpointUrl = endpointUrl;
        AdvertisedUrl = advertisedUrl;
        PkiDirectory = pkiDirectory;
        Password = password;
    }

    /// <summary>The loopback endpoint, <c>opc.tcp://127.0.0.1:port/identity</c>.</summary>
    public string EndpointUrl { get; }

    /// <summary>The URL the server advertises (its host name).</summary>
    public string AdvertisedUrl { get; }

    /// <summary>The server's own PKI folder (its certificate is in <c>own/certs</c>).</summary>
    public string PkiDirectory { get; }

    /// <summary>The one password the server accepts for <see cref="UserName"/>.</summary>
    public string Password { get; }

    public string Output => _process.Output;

    public static async Task<IdentityPeer> StartAsync(string password, bool secure, string? trustedUserCertificateDer = null, TimeSpan? readyTimeout = null)
    {
        var pki = Directory.CreateTempSubdirectory("databridge-identity-peer-").FullName;
        var port = FreePort.Tcp();
        var args = new List<string> { "identity-server.js", "--port", port.ToString(CultureInfo.InvariantCulture), "--pki", pki };
        if (secure)
        {
            args.Add("--secure");
        }

        if (trustedUserCertificateDer is not null)
        {
            args.AddRange(["--trust-user-cert", trustedUserCertificateDer]);
        }

        var process = ChildProcess.Start("node", args, OpcUaPeer.PeerDirectory, new Dictionary<string, string?> { ["OPCUA_USER_PASSWORD"] = password });
        try
        {
            var line = await process.WaitForLineAsync("READY ", readyTimeout ?? TimeSpan.FromSeconds(90)).ConfigureAwait(false);
            var advertised = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return new IdentityPeer(process, $"opc.tcp://127.0.0.1:{port}/identity", advertised, pki, password);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(PkiDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
