using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Configuration.Online;

namespace DataBridge.Cli.Commands;

/// <summary>
/// The <c>--online</c> part of <c>databridge validate</c>: after the offline checks pass, every source is contacted
/// (bounded time each) and each bad tag or unreachable source is printed as <c>file:line:column: message</c> at the
/// place it was written, followed by one summary line.
/// </summary>
internal static class ValidateOnline
{
    /// <summary>Runs the offline then the online checks; returns the exit code.</summary>
    public static async Task<int> RunAsync(string path, TimeSpan connectTimeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (code, config) = ValidateCommand.Check(path, output, error);
        if (config is null)
        {
            if (code == ValidateCommand.ExitInvalid)
            {
                await output.WriteLineAsync($"{path}: online checks skipped; fix the errors above first").ConfigureAwait(false);
            }

            return code;
        }

        var options = new OnlineValidationOptions
        {
            ConnectTimeout = connectTimeout,
            SourceTimeout = connectTimeout * 3,
        };
        var report = await OnlineValidator.ValidateAsync(config, options, cancellationToken).ConfigureAwait(false);
        foreach (var p in report.Problems)
        {
            await output.WriteLineAsync(p.ToString()).ConfigureAwait(false);
        }

        var errors = report.ErrorCount;
        var warnings = report.Problems.Count - errors;
        var counts = $"{report.SourcesReached} of {ValidateCommand.Count(report.Sources, "source")} reached, {report.OpcUaTagsOk} of {ValidateCommand.Count(report.OpcUaTags, "OPC UA tag")} found with a data type the bridge carries";
        var warned = warnings == 0 ? string.Empty : $" ({ValidateCommand.Count(warnings, "warning")})";
        await output.WriteLineAsync(errors == 0
            ? $"{path}: online OK — {counts}{warned}"
            : $"{path}: online: {ValidateCommand.Count(errors, "error")}{(warnings == 0 ? string.Empty : ", " + ValidateCommand.Count(warnings, "warning"))} — {counts}").ConfigureAwait(false);
        return errors == 0 ? ValidateCommand.ExitValid : ValidateCommand.ExitInvalid;
    }
}
