using DataBridge.Bridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>
/// The <c>security:</c> block of an OPC UA source: secure by default, explicit none, pinned policy and mode, store and
/// identities; a password is only ever a reference, and its value never reaches the parsed tree or a message.
/// </summary>
public class OpcUaSecurityConfigurationTests
{
    private const string Secret = "Sw0rdfish-Line7";

    private static readonly System.Text.Json.JsonSerializerOptions Dump = new() { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles };

    private static string Source(string security) => $$"""
        bridge: { id: edge-test, stateDir: /var/lib/databridge }
        sources:
          - id: press07
            asset: acme/plant7/press/line1/press07
            opcua: { endpoint: "opc.tcp://10.0.0.20:4840"{{(security.Length == 0 ? string.Empty : ", security: " + security)}} }
            tags:
              - { name: t, node: "nsu=urn:acme:press;s=T" }
        """;

    private static OpcUaSecurityDefinition Security(string security, IReadOnlyDictionary<string, string>? env = null) =>
        Assert.IsType<OpcUaSourceDefinition>(Assert.Single(Yaml.Load(Source(security), env).Sources)).Security!;

    [Fact]
    public void A_source_without_security_chooses_automatically_with_its_store_under_the_state_directory()
    {
        var security = Security(string.Empty);

        Assert.Null(security.Policy);
        Assert.Null(security.Mode);
        Assert.False(security.IsNone);
        Assert.False(security.AutoAcceptUntrusted);
        Assert.Null(security.UserName);
        Assert.Equal(Path.Combine("/var/lib/databridge", "pki"), security.PkiDirectory);
    }

    [Fact]
    public void Every_security_key_is_read()
    {
        var env = new Dictionary<string, string> { ["PLC_PASSWORD"] = Secret };
        var security = Security("{ policy: basic256sha256, mode: sign, pki: /etc/databridge/pki, autoAcceptUntrusted: true, user: operator, password: \"${PLC_PASSWORD}\" }", env);

        Assert.Equal(("Basic256Sha256", "Sign", "/etc/databridge/pki", true, "operator"), (security.Policy, security.Mode, security.PkiDirectory, security.AutoAcceptUntrusted, security.UserName));
        Assert.Equal("PLC_PASSWORD", security.Password!.Value.EnvironmentVariable);
        Assert.DoesNotContain(Secret, security.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_reference_stays_a_reference_and_its_value_is_in_no_part_of_the_parsed_configuration()
    {
        var env = new Dictionary<string, string> { ["PLC_PASSWORD"] = Secret };
        var config = Yaml.Load(Source("{ user: operator, password: \"${PLC_PASSWORD}\" }"), env);

        var source = Assert.IsType<OpcUaSourceDefinition>(Assert.Single(config.Sources));
        Assert.Equal("${PLC_PASSWORD}", source.Security!.Password!.Value.Reference);
        var dump = System.Text.Json.JsonSerializer.Serialize<object>(config, Dump) + System.Text.Json.JsonSerializer.Serialize(source, Dump);
        Assert.Contains("PLC_PASSWORD", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, dump, StringComparison.Ordinal);
    }

    [Fact]
    public void A_literal_password_is_an_error_that_does_not_repeat_it()
    {
        var errors = Yaml.Errors(Source($"{{ user: operator, password: {Secret} }}"));

        var error = Assert.Single(errors);
        Assert.StartsWith("plant.yaml:5:", error, StringComparison.Ordinal);
        Assert.Contains("'password' in security of opcua settings of source 'press07'", error, StringComparison.Ordinal);
        Assert.Contains("${ENV_VARIABLE} or ${file:/path/to/file}", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_reference_with_text_around_it_is_refused_without_expanding_it()
    {
        var env = new Dictionary<string, string> { ["PLC_PASSWORD"] = Secret };
        var error = Assert.Single(Yaml.Errors(Source("{ user: operator, password: \"x${PLC_PASSWORD}\" }"), env));

        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_password_file_is_anchored_at_the_configuration_and_must_exist()
    {
        var error = Assert.Single(Yaml.Errors(Source("{ user: operator, password: \"${file:secrets/plc-password}\" }")));

        Assert.StartsWith("plant.yaml:3:", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Path.GetTempPath(), "secrets", "plc-password"), error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ policy: None, mode: sign }", "plant.yaml:5:", "security policy None in security of opcua settings of source 'press07' cannot Sign")]
    [InlineData("{ policy: Aes256_Sha256_RsaPss, mode: none }", "plant.yaml:5:", "security mode none in security of opcua settings of source 'press07' means no policy, not Aes256_Sha256_RsaPss")]
    [InlineData("{ policy: Basic128Rsa15 }", "plant.yaml:5:", "security policy Basic128Rsa15 in security of opcua settings of source 'press07' is deprecated")]
    [InlineData("{ policy: Basic512 }", "plant.yaml:5:", "unknown security policy 'Basic512'")]
    [InlineData("{ user: operator }", "plant.yaml:5:", "user 'operator' in security of opcua settings of source 'press07' needs a password")]
    [InlineData("{ password: \"${PLC_PASSWORD}\" }", "plant.yaml:5:", "'password' in security of opcua settings of source 'press07' needs 'user'")]
    [InlineData("{ key: /etc/user.key }", "plant.yaml:5:", "'key' in security of opcua settings of source 'press07' is the private key of a user certificate")]
    public void Inconsistent_security_is_an_error_at_its_position_that_says_what_to_write(string security, string position, string message)
    {
        var error = Assert.Single(Yaml.Errors(Source(security)));

        Assert.StartsWith(position, error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deprecated_policy_is_accepted_when_the_source_opts_in()
    {
        var security = Security("{ policy: Basic256, allowDeprecatedPolicies: true }");

        Assert.Equal(("Basic256", true), (security.Policy, security.AllowDeprecatedPolicies));
    }

    [Fact]
    public void Mode_none_is_explicit_and_policy_none_alone_means_mode_none()
    {
        Assert.True(Security("{ mode: none }").IsNone);
        Assert.True(Security("{ policy: None }").IsNone);
    }
}
