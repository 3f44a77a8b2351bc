using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Choosing the endpoint's security (Part 4 §5.4.4) and opening the secure channel with it.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>
    /// None/None pinned: nothing to ask. Otherwise GetEndpoints over a None channel, the strongest endpoint that fits
    /// the options, and the server certificate checked by the configured validator before any key is used.
    /// </summary>
    private static async Task<SecuritySelection> SelectSecurityAsync(OpcUaEndpointAddress address, OpcUaClientOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var security = options.Security;
        if (security.IsNone)
        {
            return SecuritySelection.None;
        }

        IReadOnlyList<EndpointDescription> endpoints;
        await using (var discovery = await SecureChannel.OpenAsync(address, options.Channel, time, logger, cancellationToken).ConfigureAwait(false))
        {
            endpoints = await DiscoveryServices.GetEndpointsAsync(new ServiceInvoker(discovery, time), address.Url, cancellationToken).ConfigureAwait(false);
        }

        var endpoint = EndpointSelector.Select(endpoints, security, address.Url);
        var policy = SecurityPolicies.Find(endpoint.SecurityPolicyUri)!;
        var selection = new SecuritySelection
        {
            Policy = policy,
            Mode = endpoint.SecurityMode,
            Automatic = security.Policy is null || security.Mode is null,
            Endpoint = endpoint,
            Offered = EndpointSelector.Describe(endpoints),
        };
        // One info line per new session says what was chosen and from what (secure by default: the strongest offered).
        logger.LogInformation("OPC UA security for {Endpoint}: {Selection}; the server offers {Offered}", address.Url, selection.ToString(), string.Join(", ", selection.Offered));
        if (policy.IsNone)
        {
            return selection;
        }

        if (security.ClientCertificate is null)
        {
            throw new OpcUaCertificateException(
                StatusCodes.BadCertificateInvalid,
                $"The endpoint {address.Url} uses {policy.Name}/{endpoint.SecurityMode}, which needs our application instance certificate, and none is configured. Create one (databridge certs create) or pin security mode None.");
        }

        var chain = CertificateChain.Split(endpoint.ServerCertificate);
        X509Certificate2 leaf;
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(chain[0]);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new OpcUaCertificateException(StatusCodes.BadCertificateInvalid, $"The server certificate in the endpoint description of {address.Url} cannot be parsed: {ex.Message}", null, ex);
        }

        var issuers = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            issuers.Add(X509CertificateLoader.LoadCertificate(chain[i]));
        }

        security.CertificateValidator?.Validate(leaf, issuers, new ServerCertificateContext(address.Url, endpoint.Server.ApplicationUri, policy));
        return selection with { ServerCertificate = leaf };
    }

    private static Task<SecureChannel> OpenChannelAsync(OpcUaEndpointAddress address, OpcUaClientOptions options, SecuritySelection selection, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        IChannelSecurity security = selection.Policy.IsNone
            ? SecurityPolicyNone.Instance
            : new ChannelSecurity(selection.Policy, selection.Mode, options.Security.ClientCertificate!, selection.ServerCertificate!);
        return SecureChannel.OpenAsync(address, options.Channel, security, time, logger, cancellationToken);
    }
}
