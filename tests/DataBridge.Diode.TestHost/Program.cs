using System.Globalization;
using System.Net;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Sending;
using DataBridge.Diode.TestHost;

// Usage: DataBridge.Diode.TestHost <target ip:port> <key file> <sources> <first seq> <last seq> [rate|none] [linger]
// Sends the generated records through the diode sender, prints "sent <records> <datagrams> <refused>", then (linger)
// keeps sending heartbeats until killed, so a lossy link still learns where every source ended.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: <target ip:port> <key file> <sources> <first seq> <last seq> [rate|none] [linger]");
    return 2;
}

var target = IPEndPoint.Parse(args[0]);
using var authenticator = new DatagramAuthenticator(DiodeKey.Load(args[1]));
var linger = args.Length > 6 && args[6] == "linger";
var source = new GeneratedRecordSource(int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture), long.Parse(args[4], CultureInfo.InvariantCulture), linger);
var rate = args.Length > 5 && args[5] != "none" ? DiodeRate.Parse(args[5]) : (DiodeRate?)null;
using var transport = new UdpSendOnlyTransport(target);
var options = new DiodeSenderOptions { RateLimit = rate, Heartbeat = TimeSpan.FromMilliseconds(100) };
var sender = new DiodeSender(options, authenticator, transport);
Console.WriteLine($"stream {sender.StreamId:x8} key {authenticator.Fingerprint}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
_ = source.AllSent.Task.ContinueWith(_ => Console.WriteLine($"sent {sender.Statistics.Records} {sender.Statistics.Datagrams} {transport.RefusedCount}"), TaskScheduler.Default);
try
{
    await sender.RunAsync(source, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
