using DataBridge.Testing.OpcUa;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>
/// One node-opcua peer with its default endpoints (None, and Basic256Sha256, Aes128_Sha256_RsaOaep,
/// Aes256_Sha256_RsaPss in Sign and SignAndEncrypt), its own PKI folder, accepting unknown client certificates.
/// </summary>
public sealed class SecurePeerFixture : IAsyncLifetime
{
    private OpcUaPeer? _peer;

    public static OpcUaPeerOptions Options(string pki) => new() { PerType = 2, LargeArrayLength = 10, PkiDirectory = pki };

    public OpcUaPeer Peer => _peer ?? throw new InvalidOperationException("The OPC UA peer has not started.");

    public string PkiDirectory { get; } = Path.Combine(Path.GetTempPath(), $"databridge-secure-peer-{Guid.NewGuid():N}");

    public async Task InitializeAsync() => _peer = await OpcUaPeer.StartAsync(Options(PkiDirectory), TimeSpan.FromSeconds(120));

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        try
        {
            Directory.Delete(PkiDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
