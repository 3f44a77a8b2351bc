using BenchmarkDotNet.Running;

// `outbox append` and `outbox recovery [GB] [--cold]` are Stopwatch harnesses: disk I/O does not fit BenchmarkDotNet's model.
if (args is ["outbox", ..])
{
    return await DataBridge.Bench.Outbox.OutboxBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
