"""The spark-fathom Java kernel for Jupyter: an ipykernel that hands each cell to a JShell host.

The host (dev.sparkfathom.notebook.JShellHost, in notebooks/kernel) runs in its own JVM with
the class path and JVM options that notebooks/install-kernel wrote into the kernelspec's
environment (FATHOM_KERNEL_CLASSPATH, FATHOM_KERNEL_JAVA_OPTS, FATHOM_KERNEL_JAVA). This file
only speaks Jupyter's protocol: it forwards the host's stdout/stderr, displays (image/png with a
text/plain summary), results and errors to the notebook.
"""
import json
import os
import shlex
import subprocess

from ipykernel.kernelbase import Kernel

HOST_CLASS = "dev.sparkfathom.notebook.JShellHost"


class FathomJavaKernel(Kernel):
    implementation = "spark-fathom-java"
    implementation_version = "0.1"
    language = "java"
    language_version = "17"
    language_info = {
        "name": "java",
        "version": "17",
        "mimetype": "text/x-java-source",
        "file_extension": ".java",
        "codemirror_mode": "text/x-java",
        "pygments_lexer": "java",
    }
    banner = "Java (JShell) with spark-fathom"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._host = None

    def _start_host(self):
        classpath = os.environ.get("FATHOM_KERNEL_CLASSPATH")
        if not classpath:
            raise RuntimeError("FATHOM_KERNEL_CLASSPATH is not set: install the kernel with notebooks/install-kernel")
        java = os.environ.get("FATHOM_KERNEL_JAVA") or "java"
        opts = shlex.split(os.environ.get("FATHOM_KERNEL_JAVA_OPTS", ""))
        # The host's stderr (JVM warnings, Spark's threads between cells) goes to this kernel's
        # log, not into a cell.
        self._host = subprocess.Popen([java, *opts, "-cp", classpath, HOST_CLASS],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        ready = self._read()
        if ready is None or ready.get("type") != "ready":
            raise RuntimeError("the JShell host did not start: %r" % (ready,))

    def _read(self):
        line = self._host.stdout.readline()
        if not line:
            return None
        return json.loads(line)

    def _send(self, msg_type, content, silent):
        if not silent:
            self.send_response(self.iopub_socket, msg_type, content)

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False):
        if self._host is None or self._host.poll() is not None:
            self._start_host()
        data = code.encode("utf-8")
        self._host.stdin.write(b"%d\n" % len(data) + data)
        self._host.stdin.flush()
        error = None
        while True:
            msg = self._read()
            if msg is None:
                code_ = self._host.wait()
                self._host = None
                error = {"ename": "KernelHostDied", "evalue": "the Java process exited with code %d" % code_,
                         "traceback": ["the Java process running the cells exited with code %d;"
                                       " its last lines are in the Jupyter server's log" % code_]}
                self._send("error", error, silent)
                break
            kind = msg["type"]
            if kind == "stream":
                self._send("stream", {"name": msg["name"], "text": msg["text"]}, silent)
            elif kind == "display":
                self._send("display_data", {"data": msg["data"], "metadata": {}}, silent)
            elif kind == "result":
                self._send("execute_result", {"execution_count": self.execution_count,
                                              "data": msg["data"], "metadata": {}}, silent)
            elif kind == "error":
                error = {"ename": msg["ename"], "evalue": msg["evalue"], "traceback": msg["traceback"]}
                self._send("error", error, silent)
            elif kind == "done":
                break
        if error is not None:
            return dict(status="error", execution_count=self.execution_count, **error)
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    def do_shutdown(self, restart):
        if self._host is not None and self._host.poll() is None:
            self._host.stdin.close()
            try:
                self._host.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._host.kill()
        self._host = None
        return {"status": "ok", "restart": restart}


if __name__ == "__main__":
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(kernel_class=FathomJavaKernel)
