using System.Text;

namespace DataBridge.Configuration;

/// <summary>
/// The configuration cannot be used. <see cref="Errors"/> lists every problem found in one pass (errors and the
/// warnings found alongside them), each with <c>file:line:column</c>, so the user can fix them all at once.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found; at least one should be an error.</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with a single whole-file error (for callers outside the loader).</summary>
    public ConfigurationException(string message)
        : this([new ConfigurationError("(configuration)", 0, 0, message)])
    {
    }

    /// <summary>Creates an exception with a single whole-file error and its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigurationError("(configuration)", 0, 0, message)];
    }

    /// <summary>Creates an exception without details; prefer the constructor taking the problem list.</summary>
    public ConfigurationException()
        : this("The configuration is invalid.")
    {
    }

    /// <summary>Every problem found, errors and warnings, in file order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var errorCount = 0;
        foreach (var e in errors)
        {
            if (e.Severity == ConfigurationSeverity.Error)
            {
                errorCount++;
            }
        }

        var sb = new StringBuilder();
        sb.Append("The configuration has ").Append(errorCount).Append(errorCount == 1 ? " error" : " errors")
          .Append("; fix them and start again:");
        foreach (var e in errors)
        {
            sb.Append('\n').Append(e);
        }

        return sb.ToString();
    }
}
