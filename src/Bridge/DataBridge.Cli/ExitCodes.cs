namespace DataBridge.Cli;

/// <summary>The exit codes of every <c>databridge</c> command (documented in README.md, "Commands").</summary>
internal static class ExitCodes
{
    /// <summary>Done, or stopped with Ctrl+C / SIGTERM.</summary>
    public const int Ok = 0;

    /// <summary>The configuration (or a command-line argument) is invalid; every problem is printed.</summary>
    public const int Invalid = 1;

    /// <summary>A file, directory or server named on the command line cannot be read or reached.</summary>
    public const int Unavailable = 2;

    /// <summary>The command started and then failed; one line says why (the stack trace with --log-level Debug).</summary>
    public const int Failed = 3;
}
