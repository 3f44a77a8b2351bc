using System.Security.Cryptography;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>The Session service set (Part 4 §5.6): CreateSession, ActivateSession (anonymous or a given identity token), CloseSession.</summary>
internal static class SessionServices
{
    /// <summary>Part 4 §5.6.2: the client nonce shall be at least 32 bytes.</summary>
    private const int NonceLength = 32;

    /// <summary>Creates a session; the invoker's authentication token is set from the response.</summary>
    public static async Task<CreateSessionResponse> CreateSessionAsync(ServiceInvoker invoker, SessionRequest session, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new CreateSessionRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            ClientDescription = new ApplicationDescription
            {
                ApplicationUri = session.ApplicationUri,
                ProductUri = session.ProductUri,
                ApplicationName = new LocalizedText(session.ApplicationName),
                ApplicationType = ApplicationType.Client,
            },
            EndpointUrl = session.EndpointUrl,
            SessionName = session.SessionName,
            ClientNonce = session.ClientNonce ?? RandomNumberGenerator.GetBytes(NonceLength),
            ClientCertificate = session.ClientCertificate,
            RequestedSessionTimeout = session.Timeout.TotalMilliseconds,
            MaxResponseMessageSize = (uint)session.MaxResponseMessageSize,
        };
        var response = await invoker.CallAsync<CreateSessionResponse>("CreateSession", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        invoker.AuthenticationToken = response.AuthenticationToken;
        return response;
    }

    /// <summary>Activates the session with an anonymous identity token whose policy id the server advertised.</summary>
    public static Task<ActivateSessionResponse> ActivateAnonymousAsync(ServiceInvoker invoker, EndpointDescription[]? endpoints, string securityPolicyUri, SignatureData clientSignature, CancellationToken cancellationToken)
    {
        var policyId = FindAnonymousPolicyId(endpoints, securityPolicyUri)
            ?? throw new OpcUaServiceException("ActivateSession", StatusCodes.BadIdentityTokenInvalid, "the server offers no anonymous user token policy on this endpoint; configure a user name or certificate identity");
        return ActivateAsync(invoker, clientSignature, new ExtensionObject(new AnonymousIdentityToken { PolicyId = policyId }), new SignatureData(), cancellationToken);
    }

    /// <summary>
    /// Activates the session (Part 4 §5.6.3) with <paramref name="clientSignature"/> (over server certificate + server
    /// nonce; empty for None), the user identity token and, for X509 users, its signature.
    /// </summary>
    public static async Task<ActivateSessionResponse> ActivateAsync(ServiceInvoker invoker, SignatureData clientSignature, ExtensionObject userIdentityToken, SignatureData userTokenSignature, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new ActivateSessionRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            ClientSignature = clientSignature,
            LocaleIds = ["en"],
            UserIdentityToken = userIdentityToken,
            UserTokenSignature = userTokenSignature,
        };
        return await invoker.CallAsync<ActivateSessionResponse>("ActivateSession", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Activates the session as <paramref name="identity"/> (anonymous, user name, user certificate), with the token
    /// policy picked from <paramref name="endpoint"/>'s UserIdentityTokens (Part 4 §5.6.3). The password or signature
    /// uses the server certificate and <paramref name="serverNonce"/> (CreateSession's, or the last ActivateSession's).
    /// </summary>
    public static async Task<ActivateSessionResponse> ActivateAsync(ServiceInvoker invoker, CreateSessionResponse created, EndpointDescription endpoint, UserIdentity identity, byte[]? serverNonce, bool channelEncrypted, SignatureData? clientSignature, CancellationToken cancellationToken)
    {
        var (token, tokenSignature) = UserIdentityTokens.Create(identity, endpoint, created.ServerCertificate ?? endpoint.ServerCertificate ?? [], serverNonce ?? created.ServerNonce ?? [], channelEncrypted);
        var timeout = invoker.DefaultTimeout;
        var request = new ActivateSessionRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            ClientSignature = clientSignature ?? new SignatureData(),
            LocaleIds = ["en"],
            UserIdentityToken = token,
            UserTokenSignature = tokenSignature,
        };
        return await invoker.CallAsync<ActivateSessionResponse>("ActivateSession", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the session (and any subscriptions it owns).</summary>
    public static async Task CloseSessionAsync(ServiceInvoker invoker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new CloseSessionRequest { RequestHeader = invoker.CreateHeader(timeout), DeleteSubscriptions = true };
        await invoker.CallAsync<CloseSessionResponse>("CloseSession", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        invoker.AuthenticationToken = default;
    }

    /// <summary>
    /// Part 4 §7.41: the policy id to put in the identity token comes from the UserTokenPolicies of the endpoint in use
    /// (same policy and mode: servers such as node-opcua name them per endpoint), else of any endpoint.
    /// </summary>
    internal static string? FindAnonymousPolicyId(EndpointDescription[]? endpoints, string securityPolicyUri, MessageSecurityMode? mode = null)
    {
        string? samePolicy = null;
        string? fallback = null;
        foreach (var endpoint in endpoints ?? [])
        {
            foreach (var policy in endpoint.UserIdentityTokens ?? [])
            {
                if (policy.TokenType != UserTokenType.Anonymous)
                {
                    continue;
                }

                if (string.Equals(endpoint.SecurityPolicyUri, securityPolicyUri, StringComparison.Ordinal))
                {
                    if (mode is null || endpoint.SecurityMode == mode)
                    {
                        return policy.PolicyId;
                    }

                    samePolicy ??= policy.PolicyId;
                }

                fallback ??= policy.PolicyId;
            }
        }

        return samePolicy ?? fallback;
    }
}
