using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Configuration.Online;
using DataBridge.Cli.Commands;
using DataBridge.Testing.Support;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>The online checks that need no OPC UA server: Modbus reachability and the offline gate.</summary>
public class OnlineValidatorTests
{
    [Fact]
    public async Task A_listening_modbus_device_is_reached_and_a_refusing_one_is_an_error_at_its_source()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = FreePort.Tcp();
        var config = Yaml.Load($$"""
            bridge: { id: edge-test }
            sources:
              - id: up
                asset: acme/plant7/utilities/boilerhouse/boiler1
                modbus: { host: 127.0.0.1, port: {{open}} }
                tags: [ { name: t, address: holding:0, type: int16 } ]
              - id: down
                asset: acme/plant7/utilities/boilerhouse/boiler2
                modbus: { host: 127.0.0.1, port: {{closed}} }
                tags: [ { name: t, address: holding:0, type: int16 } ]
            """);

        var report = await OnlineValidator.ValidateAsync(config, new OnlineValidationOptions { ConnectTimeout = TimeSpan.FromSeconds(5) });

        Assert.Equal((2, 1, 0, 0), (report.Sources, report.SourcesReached, report.OpcUaTags, report.OpcUaTagsOk));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((ConfigurationSeverity.Error, 7, 5), (problem.Severity, problem.Line, problem.Column));
        Assert.StartsWith($"source 'down': cannot reach Modbus device 127.0.0.1:{closed}: ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("; check the host, the port and any firewall between here and the device", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Online_checks_are_skipped_while_the_file_has_offline_errors()
    {
        var dir = Directory.CreateTempSubdirectory("databridge-validate-online-");
        try
        {
            var path = Path.Combine(dir.FullName, "bad.yaml");
            await File.WriteAllTextAsync(path, """
                bridge: { id: edge-test }
                sources:
                  - id: oven
                    asset: acme/plant7/bake/line1/oven1
                    opcua: { endpoint: "opc.tcp://127.0.0.1:1/never-dialled", lifetimeCount: 20 }
                    tags: [ { name: t, node: i=2258 } ]
                """);
            var root = new RootCommand("test");
            root.Subcommands.Add(ValidateCommand.Create());
            var output = new StringWriter { NewLine = "\n" };
            var code = await root.Parse(["validate", "--online", path]).InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });

            Assert.Equal(1, code);
            Assert.Equal(
                $"""
                {path}:5:78: lifetimeCount 20 of source 'oven' is less than 3 × keepAliveCount (10) (OPC UA Part 4 §5.13.2); write lifetimeCount: 30 or more, or lower keepAliveCount
                {path}: 1 error
                {path}: online checks skipped; fix the errors above first

                """,
                output.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
