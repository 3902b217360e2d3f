// The voice clip recorder: adds Record and Stop beside each clip upload field
// (input[data-recorder]) and puts the recording into that field, so saving is
// the same plain form post as uploading a file. Without JavaScript, or without
// a microphone, the upload field works alone.
(function () {
  "use strict";
  var MAX_SECONDS = 60;
  if (!window.MediaRecorder || !navigator.mediaDevices || !window.DataTransfer) return;

  function pickType() {
    // Firefox records Ogg Opus; Chromium records WebM Opus (the server rewraps it).
    var types = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/webm"];
    for (var i = 0; i < types.length; i++) {
      if (MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return "";
  }

  function setUp(input) {
    var form = input.form;
    var bar = document.createElement("div");
    bar.className = "recorder";
    var record = document.createElement("button");
    record.type = "button";
    record.className = "button-secondary recorder-record";
    record.textContent = form.dataset.record;
    var stop = document.createElement("button");
    stop.type = "button";
    stop.className = "button-secondary recorder-stop";
    stop.textContent = form.dataset.stop;
    stop.disabled = true;
    var status = document.createElement("span");
    status.className = "recorder-status";
    status.setAttribute("role", "status");
    var preview = document.createElement("audio");
    preview.controls = true;
    preview.hidden = true;
    preview.className = "recorder-preview";
    bar.append(record, stop, status, preview);
    input.parentNode.insertBefore(bar, input);

    var recorder = null;
    var timer = null;
    record.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var type = pickType();
        recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
        var chunks = [];
        recorder.addEventListener("dataavailable", function (event) {
          if (event.data.size) chunks.push(event.data);
        });
        recorder.addEventListener("stop", function () {
          clearTimeout(timer);
          stream.getTracks().forEach(function (track) { track.stop(); });
          var mime = recorder.mimeType || type || "audio/webm";
          var blob = new Blob(chunks, { type: mime });
          var name = mime.indexOf("ogg") >= 0 ? "recording.ogg" : "recording.webm";
          var files = new DataTransfer();
          files.items.add(new File([blob], name, { type: mime }));
          input.files = files.files;
          preview.src = URL.createObjectURL(blob);
          preview.hidden = false;
          record.disabled = false;
          stop.disabled = true;
          status.textContent = form.dataset.recorded;
        });
        recorder.start();
        timer = setTimeout(function () { recorder.stop(); }, MAX_SECONDS * 1000);
        record.disabled = true;
        stop.disabled = false;
        status.textContent = form.dataset.recording;
      }, function () {
        status.textContent = form.dataset.denied;
      });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") recorder.stop();
    });
  }

  document.querySelectorAll("input[type=file][data-recorder]").forEach(setUp);
})();
