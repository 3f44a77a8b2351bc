using DataBridge.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
