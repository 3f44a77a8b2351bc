using DataBridge.Bridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

public class EnvironmentSubstitutionTests
{
    private const string Config = """
        bridge: { id: edge-test }
        kafka:
          bootstrap: ${KAFKA_BOOTSTRAP:-127.0.0.1:9092}
          properties:
            sasl.username: ${KAFKA_USER}
            sasl.password: ${KAFKA_PASSWORD}
            client.id: edge-$${literal}
        sources:
          - id: boiler
            asset: acme/plant7/utilities/boilerhouse/boiler1
            modbus: { host: "${BOILER_HOST}", port: "${BOILER_PORT:-502}" }
            tags: [ { name: t, address: holding:1, type: int16 } ]
        """;

    [Fact]
    public void Variables_are_substituted_and_defaults_apply_when_unset()
    {
        var env = new Dictionary<string, string> { ["KAFKA_USER"] = "edge", ["KAFKA_PASSWORD"] = "s3cret", ["BOILER_HOST"] = "10.1.2.3" };
        var config = Yaml.Load(Config, env);
        Assert.Equal("127.0.0.1:9092", config.Kafka.BootstrapServers);
        Assert.Equal("edge", config.Kafka.Properties["sasl.username"]);
        Assert.Equal("s3cret", config.Kafka.Properties["sasl.password"]);
        Assert.Equal("edge-${literal}", config.Kafka.Properties["client.id"]);
        var source = Assert.IsType<ModbusSourceDefinition>(Assert.Single(config.Sources));
        Assert.Equal(("10.1.2.3", 502), (source.Host, source.Port));
    }

    [Fact]
    public void Set_variable_wins_over_the_default()
    {
        var env = new Dictionary<string, string> { ["KAFKA_BOOTSTRAP"] = "broker:9093", ["KAFKA_USER"] = "u", ["KAFKA_PASSWORD"] = "p", ["BOILER_HOST"] = "h", ["BOILER_PORT"] = "1502" };
        var config = Yaml.Load(Config, env);
        Assert.Equal("broker:9093", config.Kafka.BootstrapServers);
        Assert.Equal(1502, ((ModbusSourceDefinition)config.Sources[0]).Port);
    }

    [Fact]
    public void Unset_variables_are_all_reported_by_name()
    {
        var errors = Yaml.Errors(Config, new Dictionary<string, string> { ["KAFKA_USER"] = "u" });
        Assert.Equal(
            [
                "plant.yaml:6:20: environment variable 'KAFKA_PASSWORD' is not set; set it, or give a default with ${KAFKA_PASSWORD:-value}",
                "plant.yaml:11:21: environment variable 'BOILER_HOST' is not set; set it, or give a default with ${BOILER_HOST:-value}",
            ],
            errors);
    }

    [Fact]
    public void Error_about_a_substituted_value_quotes_the_text_as_written_never_the_value()
    {
        var env = new Dictionary<string, string> { ["KAFKA_USER"] = "u", ["KAFKA_PASSWORD"] = "p", ["BOILER_HOST"] = "h", ["BOILER_PORT"] = "hunter2" };
        var error = Assert.Single(Yaml.Errors(Config, env));
        Assert.Equal("plant.yaml:11:45: bad port '${BOILER_PORT:-502}' (after substitution) in modbus settings of source 'boiler'; write a whole number from 1 to 65535", error);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void File_substitution_reads_a_secret_file_relative_to_the_configuration()
    {
        var dir = Directory.CreateTempSubdirectory("databridge-config-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "kafka-password"), "from-file\n");
            var path = Path.Combine(dir.FullName, "bridge.yaml");
            File.WriteAllText(path, Config.Replace("${KAFKA_PASSWORD}", "${file:kafka-password}", StringComparison.Ordinal)
                .Replace("${KAFKA_USER}", "edge", StringComparison.Ordinal).Replace("\"${BOILER_HOST}\"", "10.0.0.1", StringComparison.Ordinal));
            var config = ConfigurationLoader.Load(path);
            Assert.Equal("from-file", config.Kafka.Properties["sasl.password"]);
            Assert.True(KafkaSettings.IsSecretProperty("sasl.password"));
            Assert.Equal(Path.Combine(dir.FullName, "databridge-state"), config.StateDirectory);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
