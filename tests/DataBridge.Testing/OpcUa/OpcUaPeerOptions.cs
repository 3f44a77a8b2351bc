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

    /// <summary>
    /// Adds the folder <c>s=Edge</c>: a null String (<c>s=Edge.NullString</c>), the minimum DateTime 1601-01-01
    /// (<c>s=Edge.NoDate</c>), an analog item whose unit has no UNECE code, "Nm", with EURange -50..50 and
    /// InstrumentRange -100..100 (<c>s=Edge.Torque</c>), and a 16-element Int32 array in a variable of ValueRank -2
    /// (<c>s=Edge.AnyRankArray</c>).
    /// </summary>
    public bool EdgeCases { get; init; }

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
