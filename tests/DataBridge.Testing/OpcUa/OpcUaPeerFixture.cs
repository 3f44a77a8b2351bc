using Xunit;

namespace DataBridge.Testing.OpcUa;

/// <summary>One node-opcua peer shared by the tests of a class (xunit class fixture); stopped after the last test.</summary>
public sealed class OpcUaPeerFixture : IAsyncLifetime
{
    private OpcUaPeer? _peer;

    public OpcUaPeer Peer => _peer ?? throw new InvalidOperationException("The OPC UA peer has not started.");

    public async Task InitializeAsync() => _peer = await OpcUaPeer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
