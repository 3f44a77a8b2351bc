using System.Diagnostics;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Testing.Kafka;
using DataBridge.Testing.Support;

namespace DataBridge.Bridge.Tests.Sinks;

public sealed class DevKafkaHostTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dev_kafka_prints_a_bootstrap_that_kcat_can_produce_to_and_consume_from(bool fixedPort)
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        int? port = fixedPort ? FreePort.Tcp() : null;
        using var stop = new CancellationTokenSource();
        var run = DevKafkaHost.RunAsync(brokers: 2, port, synchronized, stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => Text(synchronized, output).Contains(DevKafkaHost.BootstrapPrefix, StringComparison.Ordinal) || run.IsCompleted, TimeSpan.FromSeconds(10), "the bootstrap line");
            var line = Text(synchronized, output).Split('\n').First(l => l.StartsWith(DevKafkaHost.BootstrapPrefix, StringComparison.Ordinal)).Trim();
            var bootstrap = line[DevKafkaHost.BootstrapPrefix.Length..];
            Assert.StartsWith("127.0.0.1:", bootstrap, StringComparison.Ordinal);
            if (port is not null)
            {
                Assert.Equal($"127.0.0.1:{port}", bootstrap);
            }

            await KcatProduceAsync(bootstrap, "dev.topic", "k1:first\nk2:second\n");
            var read = await KcatReader.ReadToEndAsync(bootstrap, "dev.topic", TimeSpan.FromSeconds(20));
            Assert.Equal(["first", "second"], read.OrderBy(m => m.KeyText).Select(m => System.Text.Encoding.UTF8.GetString(m.Value!)));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static string Text(TextWriter synchronized, StringWriter inner)
    {
        lock (synchronized)
        {
            return inner.ToString();
        }
    }

    private static async Task KcatProduceAsync(string bootstrap, string topic, string lines)
    {
        var psi = new ProcessStartInfo(KcatReader.Executable) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-b", bootstrap, "-P", "-t", topic, "-K", ":" })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteAsync(lines);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await p.WaitForExitAsync(cts.Token);
        Assert.True(p.ExitCode == 0, await p.StandardError.ReadToEndAsync());
    }
}
