namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>The message types of the Sparkplug B topic namespace (Sparkplug 3.0 §4.1.2).</summary>
public enum SparkplugMessageType : byte
{
    /// <summary>Birth certificate of an edge node: defines its metrics and carries bdSeq.</summary>
    NBirth,
    /// <summary>Data of an edge node's own metrics.</summary>
    NData,
    /// <summary>Death certificate of an edge node (usually the broker-delivered will): carries bdSeq, no seq.</summary>
    NDeath,
    /// <summary>Birth certificate of a device behind an edge node.</summary>
    DBirth,
    /// <summary>Data of a device's metrics.</summary>
    DData,
    /// <summary>Death certificate of a device.</summary>
    DDeath,
    /// <summary>A command to an edge node (sent by host applications; DataBridge never sends one and ignores them).</summary>
    NCmd,
    /// <summary>A command to a device (sent by host applications; DataBridge never sends one and ignores them).</summary>
    DCmd,
    /// <summary>A host application's online/offline state (<c>spBv1.0/STATE/&lt;host id&gt;</c>, JSON payload).</summary>
    State,
}
