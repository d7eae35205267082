// Preloaded into each n8n process of the queue cluster (NODE_OPTIONS=--require):
// gives it the host name in E2E_HOSTNAME. In Docker, n8n names an instance
// after the machine's host name, and here every process shares one machine,
// where a real deployment gives each worker its own container; without this,
// the workers share one id, which n8n warns about and relays commands by.
const os = require('node:os');
const name = process.env.E2E_HOSTNAME;
if (name) os.hostname = () => name;
