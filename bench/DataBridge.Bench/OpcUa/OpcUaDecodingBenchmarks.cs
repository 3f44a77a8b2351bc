using BenchmarkDotNet.Attributes;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Bench.OpcUa;

/// <summary>
/// Decoding cost per value of the two hot OPC UA messages, recorded from node-opcua's encoder (record-node-opcua.js):
/// a ReadResponse with 1,000 DataValues and a PublishResponse whose DataChangeNotification carries 1,000 items
/// (Double/Int32/Boolean/String values, source and server timestamps, some Bad statuses). Figures are per value
/// (OperationsPerInvoke = 1,000).
/// </summary>
[MemoryDiagnoser]
public class OpcUaDecodingBenchmarks
{
    private const int Values = 1000;
    private byte[] _readResponse = [];
    private byte[] _publishResponse = [];

    [GlobalSetup]
    public void Setup()
    {
        _readResponse = Recording("read-response-1000.bin");
        _publishResponse = Recording("publish-response-1000.bin");
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int DecodeReadResponse()
    {
        var reader = new OpcUaBinaryReader(_readResponse, registry: StandardEncodeables.Registry);
        return ((ReadResponse)reader.ReadMessage()).Results!.Length;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int DecodePublishResponse()
    {
        var reader = new OpcUaBinaryReader(_publishResponse, registry: StandardEncodeables.Registry);
        var response = (PublishResponse)reader.ReadMessage();
        return ((DataChangeNotification)response.NotificationMessage.NotificationData![0].Decoded!).MonitoredItems!.Length;
    }

    // The recordings sit beside this file; walk up from the (possibly nested BenchmarkDotNet) output folder to the repository.
    private static byte[] Recording(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "bench", "DataBridge.Bench", "OpcUa", name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}; run record-node-opcua.js (see its header).");
    }
}
