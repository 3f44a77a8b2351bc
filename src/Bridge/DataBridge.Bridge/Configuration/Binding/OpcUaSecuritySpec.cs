using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;
using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// Reads an OPC UA source's <c>security:</c> block: <c>policy</c>, <c>mode</c>, <c>allowDeprecatedPolicies</c>,
/// <c>pki</c>, <c>autoAcceptUntrusted</c>, <c>user</c> + <c>password</c> (a reference only), <c>certificate</c>
/// (+ <c>key</c>) for X.509 users. Every inconsistency is an error at the key that causes it; no message repeats
/// what was written for <c>password</c>.
/// </summary>
internal static class OpcUaSecuritySpec
{
    internal static readonly string[] Keys =
        ["policy", "mode", "allowDeprecatedPolicies", "pki", "autoAcceptUntrusted", "user", "password", "certificate", "key"];

    private static readonly KeyValuePair<string, SecurityModeSetting>[] Modes =
        [new("none", SecurityModeSetting.None), new("sign", SecurityModeSetting.Sign), new("signAndEncrypt", SecurityModeSetting.SignAndEncrypt)];

    /// <summary>The block, or null when the mapping has no <c>security:</c> (then the source is secure by default).</summary>
    public static OpcUaSecurityDefinition? Read(MappingReader r)
    {
        var map = r.Mapping("security");
        if (map is null)
        {
            return null;
        }

        var sr = new MappingReader(map, $"security of {r.Context}", Keys, r.Diagnostics);
        var d = sr.Diagnostics;
        var allowDeprecated = sr.Choice("allowDeprecatedPolicies", OpcUaSettingsSpec.Booleans) ?? false;
        var mode = sr.Choice("mode", Modes);
        var policy = ReadPolicy(sr);
        if (policy is { IsNone: true } && mode is SecurityModeSetting.Sign or SecurityModeSetting.SignAndEncrypt)
        {
            d.Error(sr.At("mode"), $"security policy None in {sr.Context} cannot {mode}; pick a policy such as Basic256Sha256, or leave 'policy' out to use the strongest the server offers");
        }
        else if (policy is { IsNone: false } && mode == SecurityModeSetting.None)
        {
            d.Error(sr.At("policy"), $"security mode none in {sr.Context} means no policy, not {policy.Name}; write 'mode: signAndEncrypt' (or sign), or remove 'policy'");
        }

        if (policy is { IsDeprecated: true } && !allowDeprecated)
        {
            d.Error(sr.At("policy"), $"security policy {policy.Name} in {sr.Context} is deprecated (OPC 10000-7) and no longer secure; move the server to Basic256Sha256 or an Aes policy, or add 'allowDeprecatedPolicies: true' to use it anyway");
        }

        if (policy is { IsNone: true } && mode is null)
        {
            mode = SecurityModeSetting.None;
        }

        var (user, password, certificate, key) = ReadIdentity(sr);
        return new OpcUaSecurityDefinition
        {
            Policy = policy?.Name,
            Mode = mode?.ToString(),
            AllowDeprecatedPolicies = allowDeprecated,
            PkiDirectory = NonEmpty(sr, "pki", "a folder, e.g. /var/lib/databridge/pki"),
            AutoAcceptUntrusted = sr.Choice("autoAcceptUntrusted", OpcUaSettingsSpec.Booleans) ?? false,
            UserName = user,
            Password = password,
            UserCertificateFile = certificate,
            UserKeyFile = key,
        };
    }

    private static SecurityPolicy? ReadPolicy(MappingReader sr)
    {
        var s = sr.Scalar("policy");
        if (s is null || s.IsInvalid)
        {
            return null;
        }

        var policy = SecurityPolicies.Find(s.Value.Trim());
        if (policy is null || s.Value.Contains('#', StringComparison.Ordinal))
        {
            var names = SecurityPolicies.All.Select(p => p.Name).ToList();
            sr.Diagnostics.Error(s.Location, $"unknown security policy {s.Quoted} in {sr.Context}{Suggestions.Hint(s.Value, names, "policies")}");
            return null;
        }

        return policy;
    }

    private static (string? User, SecretReference? Password, string? Certificate, string? Key) ReadIdentity(MappingReader sr)
    {
        var d = sr.Diagnostics;
        var user = NonEmpty(sr, "user", "the user name, e.g. operator");
        var certificate = NonEmpty(sr, "certificate", "a PEM file, e.g. /etc/databridge/user.pem");
        var key = NonEmpty(sr, "key", "a PEM file, e.g. /etc/databridge/user.key");
        var password = ReadPassword(sr);
        if (user is not null && certificate is not null)
        {
            d.Error(sr.At("certificate"), $"{sr.Context} names both a user ('user') and a user certificate ('certificate'); a session acts as one of them, remove the other");
        }

        if (user is not null && password is null && !sr.Has("password"))
        {
            d.Error(sr.At("user"), $"user '{user}' in {sr.Context} needs a password: add 'password: ${{PLC_PASSWORD}}' (an environment variable) or 'password: ${{file:/etc/databridge/plc-password}}'");
        }

        if (sr.Has("password") && user is null)
        {
            d.Error(sr.At("password"), $"'password' in {sr.Context} needs 'user' (the user name) next to it");
        }

        if (key is not null && certificate is null)
        {
            d.Error(sr.At("key"), $"'key' in {sr.Context} is the private key of a user certificate; add 'certificate' (its PEM file) or remove 'key'");
        }

        return (user, password, certificate, key);
    }

    /// <summary>
    /// A password is a reference only. The loader leaves <c>password</c> values unsubstituted (see
    /// <see cref="Yaml.Substitution"/>), so <see cref="ConfigScalar.Raw"/> is the reference and the secret never enters
    /// the parsed tree. The message never repeats what was written: it may be a literal password.
    /// </summary>
    private static SecretReference? ReadPassword(MappingReader sr)
    {
        if (sr.Node("password") is { } node and not ConfigScalar)
        {
            sr.Diagnostics.Error(node.Location, $"'password' in {sr.Context} must be a single reference such as ${{PLC_PASSWORD}}, not {node.Kind}");
            return null;
        }

        if (sr.Node("password") is not ConfigScalar s || s.IsNull)
        {
            return null;
        }

        string? error = null;
        if (s.IsSubstituted || !SecretReference.TryParse(s.Raw, out var reference, out error))
        {
            sr.Diagnostics.Error(s.Location, $"'password' in {sr.Context}: {error ?? "write the reference alone, ${PLC_PASSWORD} or ${file:/etc/databridge/plc-password}, with nothing around it"}");
            return null;
        }

        return reference;
    }

    private static string? NonEmpty(MappingReader sr, string key, string example)
    {
        var s = sr.Scalar(key);
        if (s is null || s.IsInvalid)
        {
            return null;
        }

        if (s.IsNull || s.Value.Trim().Length == 0)
        {
            sr.Diagnostics.Error(s.Location, $"'{key}' in {sr.Context} is empty; write {example}");
            return null;
        }

        return s.Value.Trim();
    }

    /// <summary>The modes <c>mode:</c> accepts, named as OPC UA's MessageSecurityMode (the bridge does not see generated types).</summary>
    private enum SecurityModeSetting
    {
        None = 1,
        Sign = 2,
        SignAndEncrypt = 3,
    }
}
