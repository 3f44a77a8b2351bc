using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>
/// Picks the endpoint to connect to from GetEndpoints (Part 4 §5.4.4): only UA-TCP binary endpoints with a policy
/// this client knows; SignAndEncrypt before Sign before None, then the stronger policy; deprecated policies only when
/// allowed. A pinned policy or mode narrows the choice; when nothing matches, the error lists what is offered.
/// </summary>
public static class EndpointSelector
{
    private const string BinaryTransport = "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary";

    /// <summary>Chooses; throws <see cref="OpcUaTransportException"/> (BadSecurityPolicyRejected) when nothing fits.</summary>
    public static EndpointDescription Select(IReadOnlyList<EndpointDescription> endpoints, OpcUaSecurityOptions options, string endpointUrl)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var usable = Usable(endpoints);
        EndpointDescription? best = null;
        foreach (var (endpoint, policy) in usable)
        {
            if ((options.Policy is not null && options.Policy.Uri != policy.Uri) ||
                (options.Mode is not null && options.Mode != endpoint.SecurityMode) ||
                (policy.IsDeprecated && !options.AllowDeprecatedPolicies))
            {
                continue;
            }

            if (best is null || Rank(endpoint, policy) > Rank(best, SecurityPolicies.Find(best.SecurityPolicyUri)!))
            {
                best = endpoint;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var wanted = $"{options.Policy?.Name ?? "any policy"}/{options.Mode?.ToString() ?? "any mode"}{(options.AllowDeprecatedPolicies ? string.Empty : " (deprecated policies not allowed)")}";
        var offered = Describe(endpoints);
        throw new OpcUaTransportException(
            StatusCodes.BadSecurityPolicyRejected,
            $"The endpoint {endpointUrl} does not offer {wanted}. It offers: {(offered.Count == 0 ? "nothing this client can use" : string.Join(", ", offered))}. Pin one of these (security: policy/mode) or change the server's configuration.",
            isChannelFatal: true);
    }

    /// <summary>Every offered policy/mode as "Policy/Mode", strongest first (unknown policies by URI, at the end).</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<EndpointDescription> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var known = Usable(endpoints);
        known.Sort((a, b) => Rank(b.Endpoint, b.Policy).CompareTo(Rank(a.Endpoint, a.Policy)));
        var result = new List<string>();
        foreach (var (endpoint, policy) in known)
        {
            var text = $"{policy.Name}/{endpoint.SecurityMode}{(policy.IsDeprecated ? " (deprecated)" : string.Empty)}";
            if (!result.Contains(text))
            {
                result.Add(text);
            }
        }

        foreach (var endpoint in endpoints)
        {
            if (SecurityPolicies.Find(endpoint.SecurityPolicyUri) is null)
            {
                result.Add($"{endpoint.SecurityPolicyUri}/{endpoint.SecurityMode} (unsupported)");
            }
        }

        return result;
    }

    private static List<(EndpointDescription Endpoint, SecurityPolicy Policy)> Usable(IReadOnlyList<EndpointDescription> endpoints)
    {
        var result = new List<(EndpointDescription, SecurityPolicy)>();
        foreach (var endpoint in endpoints)
        {
            var policy = SecurityPolicies.Find(endpoint.SecurityPolicyUri);
            var binary = string.IsNullOrEmpty(endpoint.TransportProfileUri) || endpoint.TransportProfileUri == BinaryTransport;
            var modeFits = policy is not null && (policy.IsNone
                ? endpoint.SecurityMode == MessageSecurityMode.None
                : endpoint.SecurityMode is MessageSecurityMode.Sign or MessageSecurityMode.SignAndEncrypt);
            if (binary && modeFits && (policy!.IsNone || endpoint.ServerCertificate is { Length: > 0 }))
            {
                result.Add((endpoint, policy));
            }
        }

        return result;
    }

    /// <summary>Mode first (SignAndEncrypt 3, Sign 2, None 1), then the policy's strength.</summary>
    private static int Rank(EndpointDescription endpoint, SecurityPolicy policy) => ((int)endpoint.SecurityMode * 1000) + policy.Strength;
}
