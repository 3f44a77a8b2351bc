using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>The Discovery service set (Part 4 §5.4): GetEndpoints and FindServers, usable without a session.</summary>
internal static class DiscoveryServices
{
    /// <summary>The endpoints (security policy, mode, user token policies) the server offers at <paramref name="endpointUrl"/>.</summary>
    public static async Task<EndpointDescription[]> GetEndpointsAsync(ServiceInvoker invoker, string endpointUrl, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new GetEndpointsRequest { RequestHeader = invoker.CreateHeader(timeout), EndpointUrl = endpointUrl };
        var response = await invoker.CallAsync<GetEndpointsResponse>("GetEndpoints", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return response.Endpoints ?? [];
    }

    /// <summary>The servers known to the server or discovery server at <paramref name="endpointUrl"/>.</summary>
    public static async Task<ApplicationDescription[]> FindServersAsync(ServiceInvoker invoker, string endpointUrl, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new FindServersRequest { RequestHeader = invoker.CreateHeader(timeout), EndpointUrl = endpointUrl };
        var response = await invoker.CallAsync<FindServersResponse>("FindServers", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return response.Servers ?? [];
    }
}
