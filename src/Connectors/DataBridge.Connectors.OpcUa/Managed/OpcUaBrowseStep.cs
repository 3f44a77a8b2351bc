namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>One step of a browse path: a browse name in the namespace with this URI.</summary>
public readonly record struct OpcUaBrowseStep(string NamespaceUri, string Name);
