// Records the benchmark inputs with node-opcua's own encoder (an independent implementation of OPC 10000-6 §5.2):
// a ReadResponse with 1,000 DataValues and a PublishResponse with a DataChangeNotification of 1,000 items, each
// prefixed by its binary encoding NodeId as in a UA-TCP MSG body.
//
//   (cd tests/peers/opcua && npm ci)
//   NODE_PATH=tests/peers/opcua/node_modules node bench/DataBridge.Bench/OpcUa/record-node-opcua.js
"use strict";
const fs = require("fs");
const path = require("path");
const { ReadResponse } = require("node-opcua-service-read");
const { PublishResponse, DataChangeNotification, MonitoredItemNotification } = require("node-opcua-service-subscription");
const { DataValue } = require("node-opcua-data-value");
const { Variant, DataType } = require("node-opcua-variant");
const { BinaryStream } = require("node-opcua-binary-stream");
const { StatusCodes } = require("node-opcua-status-code");
const { encodeNodeId } = require("node-opcua-basic-types");

const t0 = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));

function value(i) {
  switch (i % 4) {
    case 0: return new Variant({ dataType: DataType.Double, value: 20 + i * 0.01 });
    case 1: return new Variant({ dataType: DataType.Int32, value: i });
    case 2: return new Variant({ dataType: DataType.Boolean, value: i % 3 === 0 });
    default: return new Variant({ dataType: DataType.String, value: "state-" + (i % 7) });
  }
}

function dataValue(i) {
  return new DataValue({
    value: value(i),
    statusCode: i % 50 === 0 ? StatusCodes.BadNodeIdUnknown : StatusCodes.Good,
    sourceTimestamp: new Date(t0.getTime() + i),
    serverTimestamp: new Date(t0.getTime() + i + 1),
  });
}

function write(file, message) {
  const stream = new BinaryStream(message.binaryStoreSize() + 16);
  encodeNodeId(message.schema.encodingDefaultBinary, stream);
  message.encode(stream);
  fs.writeFileSync(path.join(__dirname, file), stream.buffer.subarray(0, stream.length));
}

const values = [];
const items = [];
for (let i = 0; i < 1000; i++) {
  values.push(dataValue(i));
  items.push(new MonitoredItemNotification({ clientHandle: i, value: dataValue(i) }));
}

write("read-response-1000.bin", new ReadResponse({ responseHeader: { timestamp: t0, requestHandle: 1 }, results: values }));
write("publish-response-1000.bin", new PublishResponse({
  responseHeader: { timestamp: t0, requestHandle: 2 },
  subscriptionId: 1,
  availableSequenceNumbers: [41, 42],
  notificationMessage: { sequenceNumber: 42, publishTime: t0, notificationData: [new DataChangeNotification({ monitoredItems: items })] },
}));
