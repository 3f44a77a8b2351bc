namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>What the client says about itself when it creates a session.</summary>
internal sealed record SessionRequest(
    string EndpointUrl,
    string ApplicationName,
    string ApplicationUri,
    string ProductUri,
    string SessionName,
    TimeSpan Timeout,
    int MaxResponseMessageSize,
    byte[]? ClientCertificate = null,
    byte[]? ClientNonce = null);
