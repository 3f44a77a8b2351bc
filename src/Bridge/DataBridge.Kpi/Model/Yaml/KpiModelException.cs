using DataBridge.Configuration;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>
/// The KPI model file is invalid. Carries every problem found (not just the first), each with file:line:column,
/// so a user fixes the file in one pass. The problems are the configuration kernel's <see cref="ConfigurationError"/>,
/// the same type the bridge configuration reports.
/// </summary>
public sealed class KpiModelException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public KpiModelException(IReadOnlyList<ConfigurationError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public KpiModelException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public KpiModelException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public KpiModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? "The KPI model is invalid."
            : $"The KPI model has {errors.Count} problem(s); fix them and start again:{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
    }
}
