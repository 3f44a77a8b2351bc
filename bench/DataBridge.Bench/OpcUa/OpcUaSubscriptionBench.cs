using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;
using DataBridge.Configuration;

namespace DataBridge.Bench.OpcUa;

/// <summary>
/// Stopwatch harness for OPC UA subscription throughput (a networked workload does not fit BenchmarkDotNet):
/// node-opcua server (bench/opcua/bench-server.js) → our OpcUaClient + SubscriptionEngine → SourcePipeline (scaling,
/// report-by-exception, sequence numbers) → an in-memory counting sink; then node-opcua's own client
/// (bench/opcua/bench-client.js) on the same server and workload, one after the other so they do not share the cores.
/// <c>bench/run.sh opcua [items] [seconds] [--change-ms MS] [--warmup S] [--sampling-ms MS] [--publishing-ms MS] [--only databridge|node-opcua] [--connector-only] [--security]</c>.
/// </summary>
internal static class OpcUaSubscriptionBench
{
    private const string Namespace = "urn:databridge:bench";
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("usage: opcua [items] [seconds] [--change-ms MS] [--warmup S] [--sampling-ms MS] [--publishing-ms MS] [--only databridge|node-opcua] [--connector-only] [--security]");
            return 2;
        }

        var folder = NodeSetup.FindScriptFolder();
        await NodeSetup.EnsureInstalledAsync(folder).ConfigureAwait(false);
        Console.WriteLine(await NodeSetup.DescribeMachineAsync(folder).ConfigureAwait(false));
        Console.WriteLine(settings.Describe());

        var port = FreePort();
        await using var server = NodeScript.Start(folder, "bench-server.js", ["--port", port.ToString(CultureInfo.InvariantCulture), "--items", settings.Items.ToString(CultureInfo.InvariantCulture), "--change-ms", settings.ChangeMs.ToString(CultureInfo.InvariantCulture)]);
        var ready = await server.WaitForLineAsync("READY ", TimeSpan.FromSeconds(90), CancellationToken.None).ConfigureAwait(false);
        var endpoint = ready.Split(' ')[1];

        SideResult? ours = null, theirs = null, secured = null;
        if (settings.Only is null or "databridge")
        {
            ours = await RunDataBridgeAsync(endpoint, server, settings).ConfigureAwait(false);
            Console.WriteLine(ours.Describe());
            if (settings.Security)
            {
                using var certificate = BenchCertificate.Create(OpcUaClientOptions.Default.ApplicationUri);
                var security = new OpcUaSecurityOptions { Policy = SecurityPolicies.Aes256Sha256RsaPss, Mode = MessageSecurityMode.SignAndEncrypt, ClientCertificate = certificate };
                secured = await RunDataBridgeAsync(endpoint, server, settings, security).ConfigureAwait(false);
                Console.WriteLine(secured.Describe());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio, CPU per 1,000 notifications, Aes256_Sha256_RsaPss SignAndEncrypt / None: {secured.CpuMsPer1K / ours.CpuMsPer1K:N2}x ({secured.CpuMsPer1K:N2} vs {ours.CpuMsPer1K:N2} ms; {secured.BytesPerNotification:N0} vs {ours.BytesPerNotification:N0} B/notification)"));
            }
        }

        if (settings.Only is null or "node-opcua")
        {
            theirs = await RunNodeClientAsync(folder, endpoint, server, settings, ours?.WarmupSeconds ?? settings.WarmupSeconds).ConfigureAwait(false);
            Console.WriteLine(theirs.Describe());
        }

        if (ours is not null && theirs is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio, CPU per 1,000 notifications, node-opcua / DataBridge: {theirs.CpuMsPer1K / ours.CpuMsPer1K:N2}x"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"opcua subscribe {settings.Items} items @{settings.SamplingMs} ms, changing every {settings.ChangeMs} ms, {settings.Seconds} s: DataBridge {ours.PerSecond:N0} notif/s, {ours.CpuMsPer1K:N2} ms CPU/1k, {ours.BytesPerNotification:N0} B/notif, lost {ours.Lost}; node-opcua client {theirs.PerSecond:N0} notif/s, {theirs.CpuMsPer1K:N2} ms CPU/1k, lost {theirs.Lost}; ratio {theirs.CpuMsPer1K / ours.CpuMsPer1K:N2}x"));
        }

        var failed = (ours?.Lost ?? 0) + (theirs?.Lost ?? 0) + (secured?.Lost ?? 0) + (ours?.Disorder ?? 0) + (theirs?.Disorder ?? 0) + (secured?.Disorder ?? 0);
        return failed == 0 ? 0 : 1;
    }

    private static async Task<SideResult> RunDataBridgeAsync(string endpoint, NodeScript server, BenchSettings s, OpcUaSecurityOptions? security = null)
    {
        var stateDir = Directory.CreateTempSubdirectory("databridge-opcua-bench-").FullName;
        try
        {
            var tags = new TagDefinition[s.Items];
            for (var i = 0; i < s.Items; i++)
            {
                var cell = $"acme/plant1/bench/line1/cell{i / 100:000}";
                tags[i] = new OpcUaTagDefinition
                {
                    TagId = $"{cell}/counter{i}",
                    Name = $"counter{i}",
                    AssetPath = cell,
                    NodeId = $"nsu={Namespace};s=Bench.{i}",
                    SamplingInterval = TimeSpan.FromMilliseconds(s.SamplingMs),
                    Location = new SourceLocation("bench", 1, 1),
                };
            }

            var sink = new CountingSink();
            using var pipeline = new SourcePipeline("opcua-bench", tags, SequenceStore.Open(stateDir, "opcua-bench"), sink, TimeProvider.System, new BridgeStatistics(), NullLogger.Instance);
            var consumer = new BenchConsumer(s.ConnectorOnly ? null : pipeline, s.Items);
            await using var client = await OpcUaClient.ConnectAsync(endpoint, security is null ? null : OpcUaClientOptions.Default with { Security = security }).ConfigureAwait(false);
            await using var engine = new SubscriptionEngine(client, consumer.ConsumeAsync);
            var subscription = await engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(s.PublishingMs) }).ConfigureAwait(false);
            var definitions = new MonitoredItemDefinition[s.Items];
            for (var i = 0; i < s.Items; i++)
            {
                definitions[i] = new MonitoredItemDefinition
                {
                    NodeId = client.ResolveNodeId(((OpcUaTagDefinition)tags[i]).NodeId!),
                    ClientHandle = (uint)(i + 1),
                    SamplingInterval = TimeSpan.FromMilliseconds(s.SamplingMs),
                    QueueSize = 10,
                    DiscardOldest = true,
                };
            }

            var states = await subscription.CreateMonitoredItemsAsync(definitions).ConfigureAwait(false);
            for (var i = 0; i < states.Count; i++)
            {
                if (states[i].Status.IsBad)
                {
                    throw new InvalidOperationException($"monitored item {definitions[i].NodeId} refused: {states[i].Status}");
                }
            }

            await WaitUntilAsync(() => consumer.Initial == s.Items || engine.Fault is not null, TimeSpan.FromSeconds(60), () => $"{consumer.Initial} of {s.Items} initial values").ConfigureAwait(false);
            ThrowIfFaulted(engine);

            await server.SendLineAsync("GO").ConfigureAwait(false);
            consumer.StartCounting();
            var warmup = await WarmUpAsync(s).ConfigureAwait(false);

            var start = Snapshot.Take(consumer.Received, server);
            await Task.Delay(TimeSpan.FromSeconds(s.Seconds)).ConfigureAwait(false);
            var end = Snapshot.Take(consumer.Received, server);

            var burst = await StopServerAsync(server).ConfigureAwait(false);
            var complete = await TryWaitUntilAsync(() => consumer.ReachedAll(burst.Value) || engine.Fault is not null, DrainTimeout).ConfigureAwait(false);
            ThrowIfFaulted(engine);

            // Every notification (initial values included) changes its item, so report-by-exception passes each one.
            var recordsMatch = s.ConnectorOnly || await TryWaitUntilAsync(() => sink.Records == consumer.Received + s.Items, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (!recordsMatch)
            {
                Console.WriteLine($"  pipeline: {sink.Records:N0} records for {consumer.Received + s.Items:N0} notifications (initial values included)");
            }

            await subscription.DeleteAsync().ConfigureAwait(false);

            return new SideResult(
                (s.ConnectorOnly ? "DataBridge connector only (OpcUaClient + SubscriptionEngine, no pipeline)" : "DataBridge (OpcUaClient + SubscriptionEngine + SourcePipeline, in-memory sink)")
                    + (security is null ? string.Empty : $", {client.Security}"),
                end.Notifications - start.Notifications,
                Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds,
                (end.Cpu - start.Cpu).TotalMilliseconds,
                (end.Allocated - start.Allocated) / (double)Math.Max(1, end.Notifications - start.Notifications),
                end.Gen0 - start.Gen0,
                end.Gen2 - start.Gen2,
                (end.ServerCpu - start.ServerCpu).TotalMilliseconds,
                burst.Changes,
                consumer.Received,
                consumer.Skipped,
                consumer.Regressions + sink.SequenceErrors + consumer.Gaps + (recordsMatch ? 0 : 1),
                complete,
                burst,
                (int)(end.JitCompiled - start.JitCompiled),
                warmup.TotalSeconds);
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    private static async Task<SideResult> RunNodeClientAsync(string folder, string endpoint, NodeScript server, BenchSettings s, double warmupSeconds)
    {
        await using var client = NodeScript.Start(folder, "bench-client.js", [
            "--endpoint", endpoint,
            "--items", s.Items.ToString(CultureInfo.InvariantCulture),
            "--sampling-ms", s.SamplingMs.ToString(CultureInfo.InvariantCulture),
            "--publishing-ms", s.PublishingMs.ToString(CultureInfo.InvariantCulture),
            "--warmup", warmupSeconds.ToString(CultureInfo.InvariantCulture),
            "--seconds", s.Seconds.ToString(CultureInfo.InvariantCulture)]);
        await client.WaitForLineAsync("SUBSCRIBED", TimeSpan.FromSeconds(90), CancellationToken.None).ConfigureAwait(false);
        await server.SendLineAsync("GO").ConfigureAwait(false);
        await client.SendLineAsync("GO").ConfigureAwait(false);

        // The server's CPU in (roughly) the client's window, for the "who was the bottleneck" line.
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds)).ConfigureAwait(false);
        var serverStart = server.TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        await client.WaitForLineAsync("MEASURED", TimeSpan.FromSeconds(s.Seconds) + DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        var serverCpu = server.TotalProcessorTime - serverStart;
        timer.Stop();

        var burst = await StopServerAsync(server).ConfigureAwait(false);
        await client.SendLineAsync(string.Create(CultureInfo.InvariantCulture, $"STOP {burst.Value}")).ConfigureAwait(false);
        var line = await client.WaitForLineAsync("RESULT ", DrainTimeout + TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        using var json = JsonDocument.Parse(line["RESULT ".Length..]);
        var r = json.RootElement;
        return new SideResult(
            $"node-opcua {NodeSetup.NodeOpcUaVersion(folder)} client (ClientSubscription + ClientMonitoredItemGroup, 'changed' handler)",
            r.GetProperty("notifications").GetInt64(),
            r.GetProperty("seconds").GetDouble(),
            r.GetProperty("cpuMs").GetDouble(),
            null,
            0,
            0,
            serverCpu.TotalMilliseconds * r.GetProperty("seconds").GetDouble() / timer.Elapsed.TotalSeconds,
            burst.Changes,
            r.GetProperty("receivedAfterGo").GetInt64(),
            r.GetProperty("skipped").GetInt64(),
            r.GetProperty("regressions").GetInt64(),
            r.GetProperty("complete").GetBoolean() && r.GetProperty("expected").GetInt64() == burst.Changes,
            burst,
            null,
            warmupSeconds);
    }

    /// <summary>
    /// At least <see cref="BenchSettings.WarmupSeconds"/>, then until tiered JIT has settled (fewer than
    /// <see cref="BenchSettings.SettledJitMethods"/> methods compiled in the last second) or <see cref="BenchSettings.MaxWarmupSeconds"/>
    /// passed: on a loaded machine tier-1 compilation of the receive path takes longer than a fixed warm-up allows.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(BenchSettings s)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(s.WarmupSeconds)).ConfigureAwait(false);
        while (Stopwatch.GetElapsedTime(started).TotalSeconds < s.MaxWarmupSeconds)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - before < s.SettledJitMethods)
            {
                break;
            }
        }

        var warmup = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (DataBridge warm-up: {warmup.TotalSeconds:N1} s until the JIT settled; node-opcua's client gets the same)"));
        return warmup;
    }

    private static async Task<ServerBurst> StopServerAsync(NodeScript server)
    {
        await server.SendLineAsync("STOP").ConfigureAwait(false);
        return ServerBurst.Parse(await server.WaitForLineAsync("DONE ", DrainTimeout, CancellationToken.None).ConfigureAwait(false));
    }

    private static void ThrowIfFaulted(SubscriptionEngine engine)
    {
        if (engine.Fault is { } fault)
        {
            throw new InvalidOperationException("the subscription engine stopped: " + fault.Message, fault);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> progress)
    {
        if (!await TryWaitUntilAsync(condition, timeout).ConfigureAwait(false))
        {
            throw new TimeoutException($"gave up after {timeout.TotalSeconds:0} s: {progress()}");
        }
    }

    private static async Task<bool> TryWaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private readonly record struct Snapshot(long Timestamp, long Notifications, TimeSpan Cpu, long Allocated, int Gen0, int Gen2, TimeSpan ServerCpu, long JitCompiled)
    {
        public static Snapshot Take(long notifications, NodeScript server)
        {
            using var self = Process.GetCurrentProcess();
            return new Snapshot(
                Stopwatch.GetTimestamp(),
                notifications,
                self.TotalProcessorTime,
                GC.GetTotalAllocatedBytes(precise: true),
                GC.CollectionCount(0),
                GC.CollectionCount(2),
                server.TotalProcessorTime,
                System.Runtime.JitInfo.GetCompiledMethodCount());
        }
    }
}
