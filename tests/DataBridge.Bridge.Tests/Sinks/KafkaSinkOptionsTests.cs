using DataBridge.Bridge.Sinks.Kafka;

namespace DataBridge.Bridge.Tests.Sinks;

public sealed class KafkaSinkOptionsTests
{
    [Fact]
    public void Secrets_never_appear_in_the_logged_configuration()
    {
        var options = new KafkaSinkOptions
        {
            BootstrapServers = "kafka:9093",
            BridgeId = "edge-1",
            Properties = new Dictionary<string, string>
            {
                ["security.protocol"] = "SASL_SSL",
                ["sasl.mechanism"] = "SCRAM-SHA-512",
                ["sasl.username"] = "bridge",
                ["sasl.password"] = "hunter2-secret",
                ["ssl.key.password"] = "keypass-secret",
                ["sasl.oauthbearer.client.secret"] = "oauth-secret",
            },
        };
        var config = KafkaSink.BuildConfig(options);
        var logged = KafkaConfigRedaction.Describe(config);
        Assert.DoesNotContain("hunter2", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("keypass", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth-secret", logged, StringComparison.Ordinal);
        Assert.Contains("sasl.password=***", logged, StringComparison.Ordinal);
        Assert.Contains("sasl.username=bridge", logged, StringComparison.Ordinal);
        Assert.Equal("true", config["enable.idempotence"]);
        Assert.Equal("all", config["acks"]);
        Assert.Equal("5", config["linger.ms"]);
    }

    [Fact]
    public void Validation_names_every_problem_at_once()
    {
        var options = new KafkaSinkOptions
        {
            BootstrapServers = "",
            BridgeId = " ",
            ValuesTopic = "",
            Properties = new Dictionary<string, string> { ["acks"] = "1" },
        };
        var problems = options.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("acks", StringComparison.Ordinal));
    }
}
