using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>A parsed <c>opc.tcp://host:port/path</c> endpoint URL (Part 6 §7.2; port 4840 when omitted).</summary>
public sealed record OpcUaEndpointAddress(string Url, string Host, int Port)
{
    /// <summary>The IANA-registered default port for opc.tcp.</summary>
    public const int DefaultPort = 4840;

    /// <summary>Parses an endpoint URL; throws <see cref="OpcUaTransportException"/> (BadTcpEndpointUrlInvalid) with the expected form.</summary>
    public static OpcUaEndpointAddress Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.Equals(uri.Scheme, "opc.tcp", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(uri.Host))
        {
            throw new OpcUaTransportException(StatusCodes.BadTcpEndpointUrlInvalid, $"'{url}' is not an OPC UA TCP endpoint URL. Write it as opc.tcp://host:port[/path], e.g. opc.tcp://192.168.0.10:4840.");
        }

        return new OpcUaEndpointAddress(url, uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
    }
}
