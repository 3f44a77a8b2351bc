namespace DataBridge.Configuration;

/// <summary>One problem found in a configuration file: where it is, what is wrong and what to write instead.</summary>
public sealed class ConfigurationError
{
    /// <summary>Creates a problem report.</summary>
    public ConfigurationError(string file, int line, int column, string message, ConfigurationSeverity severity = ConfigurationSeverity.Error)
    {
        File = file;
        Line = line;
        Column = column;
        Message = message;
        Severity = severity;
    }

    /// <summary>The configuration file, as named to the loader.</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 when the problem concerns the whole file.</summary>
    public int Column { get; }

    /// <summary>What is wrong and what to write instead; never contains a value taken from the environment or a secret file.</summary>
    public string Message { get; }

    /// <summary>Whether this stops the bridge from starting.</summary>
    public ConfigurationSeverity Severity { get; }

    /// <summary>The location as a <see cref="SourceLocation"/>.</summary>
    public SourceLocation Location => new(File, Line, Column);

    /// <summary>
    /// <c>file:line:column: message</c> for errors and <c>file:line:column: warning: message</c> for warnings
    /// (the compiler convention, so editors can jump to the position).
    /// </summary>
    public override string ToString() =>
        Severity == ConfigurationSeverity.Warning ? $"{Location}: warning: {Message}" : $"{Location}: {Message}";
}
