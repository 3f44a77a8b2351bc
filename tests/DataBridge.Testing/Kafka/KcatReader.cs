using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DataBridge.Testing.Kafka;

/// <summary>
/// Reads a topic with Debian's <c>kcat</c>, an independent client (librdkafka's C API, not Confluent.Kafka).
/// Avro values are binary and may contain any byte, so no delimiter is safe and <c>-J</c> prints payloads as
/// text; instead each message is framed by its lengths: the format <c>%p %o %K %S\n%k%s</c> writes a text header
/// "partition offset keyLength valueLength" (-1 for null), a newline, then exactly that many raw key and value bytes.
/// </summary>
public static class KcatReader
{
    public const string Executable = "/usr/bin/kcat";

    /// <summary>Reads <paramref name="topic"/> from the beginning to its current end (kcat <c>-e</c>).</summary>
    public static async Task<IReadOnlyList<ConsumedMessage>> ReadToEndAsync(string bootstrapServers, string topic, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-b", bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%p %o %K %S\\n%k%s" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start kcat (apt-get install kcat).");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await copy.ConfigureAwait(false);
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kcat exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
            }

            return Parse(stdout.ToArray());
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat did not finish reading {topic} within {timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Splits kcat's length-framed output into messages.</summary>
    public static IReadOnlyList<ConsumedMessage> Parse(ReadOnlySpan<byte> output)
    {
        var result = new List<ConsumedMessage>();
        var pos = 0;
        while (pos < output.Length)
        {
            var newline = output[pos..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                throw new FormatException($"kcat output ends inside a header at byte {pos}.");
            }

            var header = Encoding.ASCII.GetString(output.Slice(pos, newline)).Split(' ');
            pos += newline + 1;
            var keyLength = int.Parse(header[2], CultureInfo.InvariantCulture);
            var valueLength = int.Parse(header[3], CultureInfo.InvariantCulture);
            var key = keyLength < 0 ? null : output.Slice(pos, keyLength).ToArray();
            pos += Math.Max(0, keyLength);
            var value = valueLength < 0 ? null : output.Slice(pos, valueLength).ToArray();
            pos += Math.Max(0, valueLength);
            result.Add(new ConsumedMessage(int.Parse(header[0], CultureInfo.InvariantCulture), long.Parse(header[1], CultureInfo.InvariantCulture), key, value));
        }

        return result;
    }
}
