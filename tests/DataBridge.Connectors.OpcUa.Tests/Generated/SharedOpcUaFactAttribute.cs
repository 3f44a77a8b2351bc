using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Generated;

/// <summary>
/// A fact that needs the OPC UA spec data (../shared/opcua beside the repository, or the folder named by
/// DATABRIDGE_SHARED_OPCUA). In a user's clone without it the test reports itself skipped, saying why.
/// </summary>
public sealed class SharedOpcUaFactAttribute : FactAttribute
{
    public SharedOpcUaFactAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = "The OPC UA spec data folder ../shared/opcua is not beside this repository (set DATABRIDGE_SHARED_OPCUA to point at it); generated files cannot be checked.";
        }
    }
}

internal static class SharedData
{
    public static string? Folder
    {
        get
        {
            if (RepoPaths.SharedOpcUa is { } beside)
            {
                return beside;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("DATABRIDGE_SHARED_OPCUA");
            return fromEnvironment is not null && Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }
    }
}
