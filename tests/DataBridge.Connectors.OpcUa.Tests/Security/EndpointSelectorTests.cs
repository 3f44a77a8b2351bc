using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

public sealed class EndpointSelectorTests
{
    private static readonly EndpointDescription[] Offered =
    [
        Endpoint(SecurityPolicies.None, MessageSecurityMode.None),
        Endpoint(SecurityPolicies.Basic128Rsa15, MessageSecurityMode.SignAndEncrypt),
        Endpoint(SecurityPolicies.Basic256Sha256, MessageSecurityMode.Sign),
        Endpoint(SecurityPolicies.Basic256Sha256, MessageSecurityMode.SignAndEncrypt),
        Endpoint(SecurityPolicies.Aes256Sha256RsaPss, MessageSecurityMode.Sign),
        new EndpointDescription { SecurityPolicyUri = "http://opcfoundation.org/UA/SecurityPolicy#ECC_nistP256", SecurityMode = MessageSecurityMode.SignAndEncrypt, ServerCertificate = [1] },
    ];

    [Fact]
    public void SignAndEncrypt_comes_before_a_stronger_policy_that_only_signs()
    {
        var chosen = EndpointSelector.Select(Offered, new OpcUaSecurityOptions(), "opc.tcp://plc");

        Assert.Equal(SecurityPolicies.Basic256Sha256.Uri, chosen.SecurityPolicyUri);
        Assert.Equal(MessageSecurityMode.SignAndEncrypt, chosen.SecurityMode);
    }

    [Fact]
    public void Deprecated_policies_are_chosen_only_when_allowed()
    {
        var onlyDeprecated = new[] { Offered[0], Offered[1] };

        Assert.Equal(SecurityPolicies.None.Uri, EndpointSelector.Select(onlyDeprecated, new OpcUaSecurityOptions(), "opc.tcp://plc").SecurityPolicyUri);
        Assert.Equal(SecurityPolicies.Basic128Rsa15.Uri, EndpointSelector.Select(onlyDeprecated, new OpcUaSecurityOptions { AllowDeprecatedPolicies = true }, "opc.tcp://plc").SecurityPolicyUri);
    }

    [Fact]
    public void A_pinned_choice_that_is_not_offered_lists_the_offers_strongest_first()
    {
        var error = Assert.Throws<OpcUaTransportException>(() => EndpointSelector.Select(Offered, new OpcUaSecurityOptions { Policy = SecurityPolicies.Aes256Sha256RsaPss, Mode = MessageSecurityMode.SignAndEncrypt }, "opc.tcp://plc"));

        Assert.Equal(StatusCodes.BadSecurityPolicyRejected, error.StatusCode.Code);
        Assert.Contains(
            "It offers: Basic256Sha256/SignAndEncrypt, Basic128Rsa15/SignAndEncrypt (deprecated), Aes256_Sha256_RsaPss/Sign, Basic256Sha256/Sign, None/None, http://opcfoundation.org/UA/SecurityPolicy#ECC_nistP256/SignAndEncrypt (unsupported).",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Inconsistent_options_are_refused_at_validation()
    {
        Assert.Throws<ArgumentException>(() => new OpcUaSecurityOptions { Policy = SecurityPolicies.None, Mode = MessageSecurityMode.Sign }.Validate());
        Assert.Throws<ArgumentException>(() => new OpcUaSecurityOptions { Policy = SecurityPolicies.Basic256Sha256, Mode = MessageSecurityMode.None }.Validate());
        Assert.Throws<ArgumentException>(() => new OpcUaSecurityOptions { Policy = SecurityPolicies.Basic256 }.Validate());
        new OpcUaSecurityOptions { Policy = SecurityPolicies.Basic256, AllowDeprecatedPolicies = true }.Validate();
        OpcUaSecurityOptions.None.Validate();
    }

    private static EndpointDescription Endpoint(SecurityPolicy policy, MessageSecurityMode mode) => new()
    {
        SecurityPolicyUri = policy.Uri,
        SecurityMode = mode,
        ServerCertificate = policy.IsNone ? null : [0x30, 0x00],
        TransportProfileUri = "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary",
    };
}
