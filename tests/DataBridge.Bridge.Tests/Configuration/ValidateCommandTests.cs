using System.CommandLine;
using DataBridge.Cli.Commands;
using DataBridge.Testing.Support;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>Runs <c>databridge validate</c> in-process through System.CommandLine, capturing its output.</summary>
public class ValidateCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ValidateCommand.Create());
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Valid_sample_prints_a_summary_and_exits_0()
    {
        var path = RepoPaths.Combine("samples", "twenty-presses.yaml");
        var (code, output, error) = await Run("validate", path);
        Assert.Equal(0, code);
        Assert.Equal($"{path}: OK — 20 sources, 161 tags, 40 poll groups\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Invalid_file_prints_every_error_and_warning_then_a_count_and_exits_1()
    {
        var dir = Directory.CreateTempSubdirectory("databridge-validate-");
        try
        {
            var path = Path.Combine(dir.FullName, "bad.yaml");
            await File.WriteAllTextAsync(path, """
                bridge: { id: edge-test }
                sources:
                  - id: boiler
                    asset: acme/plant7/utilities/boilerhouse/boiler1
                    modbus: { host: 127.0.0.1 }
                    tags:
                      - { name: t1, address: holding:100, type: float64, unit: degC }
                      - { name: t2, address: holding:102, type: flaot32 }
                      - { name: t3, adress: holding:5, type: int16 }
                """);
            var (code, output, _) = await Run("validate", path);
            Assert.Equal(1, code);
            Assert.Equal(
                $"""
                {path}:7:64: warning: unit 'degC' is not a UNECE code (2-3 upper-case letters or digits); for 'degC' write CEL
                {path}:8:49: bad type 'flaot32' in tag 't2'; did you mean 'float32'? Allowed values: bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string
                {path}:9:9: missing required key 'address' in tag 't3'; add e.g. 'address: holding:100'
                {path}:9:21: unknown key 'adress' in tag 't3'; did you mean 'address'? Allowed keys: name, address, type, byteOrder, length, trim, unit, scale, deadband, heartbeat, pollGroup, description
                {path}: 3 errors, 1 warning

                """,
                output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Valid_file_with_warnings_prints_them_and_still_exits_0()
    {
        var dir = Directory.CreateTempSubdirectory("databridge-validate-");
        try
        {
            var path = Path.Combine(dir.FullName, "warn.yaml");
            await File.WriteAllTextAsync(path, """
                bridge: { id: edge-test }
                sources:
                  - id: boiler
                    asset: acme/plant7/utilities/boilerhouse/boiler1
                    host: 127.0.0.1
                    tags: [ { name: t, address: holding:1, type: int16, unit: degrees } ]
                """);
            var (code, output, _) = await Run("validate", path);
            Assert.Equal(0, code);
            Assert.Equal(
                $"""
                {path}:6:63: warning: unit 'degrees' is not a UNECE code (2-3 upper-case letters or digits); e.g. CEL for °C, P1 for %, BAR for bar, KWT for kW
                {path}: OK — 1 source, 1 tag, 1 poll group (1 warning)

                """,
                output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Missing_file_exits_2_with_a_message_on_the_error_stream()
    {
        var path = Path.Combine(Path.GetTempPath(), "databridge-no-such-file.yaml");
        var (code, output, error) = await Run("validate", path);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"The configuration file '{path}' does not exist", error, StringComparison.Ordinal);
    }
}
