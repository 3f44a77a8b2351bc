namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Reads one array element; pass a <c>static</c> lambda so no delegate is allocated per call.</summary>
public delegate T ElementReader<T>(ref OpcUaBinaryReader reader);

/// <summary>Writes one array element; pass a <c>static</c> lambda so no delegate is allocated per call.</summary>
public delegate void ElementWriter<T>(ref OpcUaBinaryWriter writer, T value);
