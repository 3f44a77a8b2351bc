using BenchmarkDotNet.Running;

// `outbox append` and `outbox recovery [GB] [--cold]` are Stopwatch harnesses: disk I/O does not fit BenchmarkDotNet's model.
if (args is ["outbox", ..])
{
    return await DataBridge.Bench.Outbox.OutboxBench.RunAsync(args[1..]);
}

// `opcua [items] [seconds] ...` too: a networked workload against a node-opcua server, side by side with node-opcua's client.
if (args is ["opcua", ..])
{
    return await DataBridge.Bench.OpcUa.OpcUaSubscriptionBench.RunAsync(args[1..]);
}

// `config [tags...]`: configuration loading time at 5k/20k/50k/100k generated tags (issue #18), Stopwatch.
if (args is ["config", ..])
{
    return DataBridge.Bench.Config.ConfigLoadBench.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
