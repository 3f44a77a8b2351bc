namespace DataBridge.Testing.OpcUa;

/// <summary>How the node-opcua test peer (tests/peers/opcua/server.js) is started.</summary>
public sealed record OpcUaPeerOptions
{
    /// <summary>Variables per built-in type and per scalar/array kind (21 types × 2 × this, plus extras).</summary>
    public int PerType { get; init; } = 24;

    /// <summary>Registers the test namespaces in the opposite order, so their indexes swap.</summary>
    public bool ReverseNamespaces { get; init; }

    /// <summary>The server's maximum secure channel token lifetime in milliseconds (its floor is lowered to match).</summary>
    public int TokenLifetimeMs { get; init; } = 600_000;

    /// <summary>Length of the large Double array variable <c>s=Large.Doubles</c>.</summary>
    public int LargeArrayLength { get; init; } = 100_000;

    /// <summary>Fixed port, or 0 to pick a free loopback port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Folder for the server's PKI (its certificate, trusted and rejected client certificates); unknown client
    /// certificates are accepted. Null uses node-opcua's per-user default folder.
    /// </summary>
    public string? PkiDirectory { get; init; }

    /// <summary>Also offers the deprecated policies Basic128Rsa15 and Basic256.</summary>
    public bool DeprecatedPolicies { get; init; }
}
