// Offline checks of deploy/ (run by deploy/validate, which also runs yamllint, docker-compose config and nginx -t):
//   1. the Dockerfile's syntax (dockerfile-utils, the linter behind the Docker language server);
//   2. every Kubernetes manifest against the Kubernetes API's schemas (kubernetes-models: validators generated from the
//      Kubernetes OpenAPI definitions, one per kind), and the kustomization lists exactly the manifests there are;
//   3. one topology across compose.yaml, the manifests, the Dockerfile and nginx: probes and HEALTHCHECK on the
//      health endpoints, non-root and read-only containers, a migrate step before the servers, two or more token
//      server nodes behind the load balancer, the admin host, and no secret written into a file.
// Prints one line per problem and exits 1 when there is any.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";
import { validate as lintDockerfile } from "dockerfile-utils";

const deploy = join(dirname(fileURLToPath(import.meta.url)), "..");
const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);
const check = (condition, where, message) => condition || fail(where, message);
const read = (path) => readFileSync(join(deploy, path), "utf8");

const LIVE = "/health/live";
const READY = "/health/ready";
const PORT = 8080;

// 1. The Dockerfile.
const dockerfile = read("Dockerfile");
for (const diagnostic of lintDockerfile(dockerfile, {})) {
  fail(`Dockerfile:${diagnostic.range.start.line + 1}`, diagnostic.message);
}

const stages = [...dockerfile.matchAll(/^FROM\s+\S+(?:\s+AS\s+(\S+))?/gim)].map((match) => match[1]);
check(stages.includes("server") && stages.includes("admin"), "Dockerfile", "needs the targets 'server' and 'admin'");
check(stages.at(-1) === "server", "Dockerfile", "the last stage (the default target) must be 'server'");
const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gim)].map((match) => match[1]);
check(users.length > 0 && users.every((user) => !/^(root|0)(:|$)/.test(user)), "Dockerfile", "the images must run as a non-root USER");
check(new RegExp(`^HEALTHCHECK[\\s\\S]*${LIVE}`, "m").test(dockerfile), "Dockerfile", `HEALTHCHECK must ask ${LIVE}`);
check(new RegExp(`^EXPOSE\\s+${PORT}\\b`, "m").test(dockerfile), "Dockerfile", `must EXPOSE ${PORT}`);

// 2. The Kubernetes manifests.
const kubernetesFolder = "kubernetes";
const kustomization = parse(read(`${kubernetesFolder}/kustomization.yaml`));
const manifestFiles = readdirSync(join(deploy, kubernetesFolder)).filter((file) => /\.ya?ml$/.test(file) && file !== "kustomization.yaml");
for (const file of manifestFiles) {
  check(kustomization.resources?.includes(file), "kubernetes/kustomization.yaml", `does not list ${file}`);
}
for (const file of kustomization.resources ?? []) {
  check(manifestFiles.includes(file), "kubernetes/kustomization.yaml", `lists ${file}, which does not exist`);
}

const objects = [];
for (const file of manifestFiles) {
  for (const document of parseAllDocuments(read(`${kubernetesFolder}/${file}`))) {
    const where = `kubernetes/${file}`;
    if (document.errors.length > 0) {
      document.errors.forEach((error) => fail(where, error.message));
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    objects.push({ file, object });
    await validateAgainstSchema(where, object);
  }
}

async function validateAgainstSchema(where, object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    fail(where, "every document needs apiVersion and kind");
    return;
  }
  let model;
  try {
    model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    fail(where, `${apiVersion} ${kind} is not a kind the Kubernetes API serves`);
    return;
  }
  try {
    new model(object).validate();
  } catch (error) {
    fail(`${where} (${kind} ${object.metadata?.name})`, error.message);
  }
}

const find = (kind, name) => objects.find(({ object }) => object.kind === kind && object.metadata?.name === name)?.object;
const podSpecOf = (workload) => workload?.spec?.jobTemplate?.spec?.template?.spec ?? workload?.spec?.template?.spec;

function checkPod(where, podSpec, { probes }) {
  if (!podSpec) {
    fail(where, "has no pod template");
    return;
  }
  check(podSpec.securityContext?.runAsNonRoot === true, where, "pods must set securityContext.runAsNonRoot: true");
  check(podSpec.automountServiceAccountToken === false, where, "pods need no service account token");
  const tmpVolumes = new Set((podSpec.volumes ?? []).filter((volume) => volume.emptyDir).map((volume) => volume.name));
  for (const container of podSpec.containers ?? []) {
    const at = `${where} container ${container.name}`;
    check(container.securityContext?.readOnlyRootFilesystem === true, at, "needs readOnlyRootFilesystem: true");
    check(container.securityContext?.allowPrivilegeEscalation === false, at, "needs allowPrivilegeEscalation: false");
    check(container.securityContext?.capabilities?.drop?.includes("ALL"), at, "must drop ALL capabilities");
    check((container.volumeMounts ?? []).some((mount) => mount.mountPath === "/tmp" && tmpVolumes.has(mount.name)), at, "needs an emptyDir at /tmp (the root filesystem is read-only)");
    check((container.envFrom ?? []).some((source) => source.configMapRef?.name === "identityhub-settings"), at, "reads its settings from the ConfigMap identityhub-settings");
    if (probes) {
      const portNames = new Map((container.ports ?? []).map((port) => [port.name, port.containerPort]));
      const probePath = (probe) => probe?.httpGet?.path;
      const probePort = (probe) => (typeof probe?.httpGet?.port === "string" ? portNames.get(probe.httpGet.port) : probe?.httpGet?.port);
      check(probePath(container.livenessProbe) === LIVE, at, `livenessProbe must ask ${LIVE}`);
      check(probePath(container.readinessProbe) === READY, at, `readinessProbe must ask ${READY}`);
      check(probePort(container.livenessProbe) === PORT && probePort(container.readinessProbe) === PORT, at, `probes must use port ${PORT}`);
    }
  }
}

const server = find("Deployment", "identityhub-server");
const admin = find("Deployment", "identityhub-admin");
check(server, "kubernetes", "needs the Deployment identityhub-server");
check(admin, "kubernetes", "needs the Deployment identityhub-admin");
for (const deployment of [server, admin].filter(Boolean)) {
  const where = `kubernetes Deployment ${deployment.metadata.name}`;
  checkPod(where, podSpecOf(deployment), { probes: true });
  const labels = deployment.spec.template.metadata?.labels ?? {};
  const matches = (selector) => selector && Object.entries(selector).every(([key, value]) => labels[key] === value);
  check(matches(deployment.spec.selector?.matchLabels), where, "its selector does not match its pod labels");
  const service = objects.map(({ object }) => object).find((object) => object.kind === "Service" && matches(object.spec?.selector));
  check(service, where, "no Service selects its pods");
  const pdb = objects.map(({ object }) => object).find((object) => object.kind === "PodDisruptionBudget" && matches(object.spec?.selector?.matchLabels));
  check(pdb, where, "no PodDisruptionBudget covers its pods");
}
check((server?.spec?.replicas ?? 0) >= 2, "kubernetes Deployment identityhub-server", "runs at least two token-server nodes");

const migrate = objects.map(({ object }) => object).find((object) => object.kind === "Job" && podSpecOf(object)?.containers?.some((container) => container.args?.[0] === "migrate"));
check(migrate, "kubernetes", "needs a Job that runs the migrate command");
if (migrate) {
  checkPod(`kubernetes Job ${migrate.metadata.name}`, podSpecOf(migrate), { probes: false });
  check(podSpecOf(migrate).containers[0].image === podSpecOf(server)?.containers?.[0]?.image, `kubernetes Job ${migrate.metadata.name}`, "must run the token server's image");
}
for (const cronJob of objects.map(({ object }) => object).filter((object) => object.kind === "CronJob")) {
  checkPod(`kubernetes CronJob ${cronJob.metadata.name}`, podSpecOf(cronJob), { probes: false });
}

const hpa = objects.map(({ object }) => object).find((object) => object.kind === "HorizontalPodAutoscaler");
check(hpa?.spec?.scaleTargetRef?.name === "identityhub-server", "kubernetes", "needs a HorizontalPodAutoscaler for identityhub-server");
check(hpa?.spec?.metrics?.some((metric) => metric.resource?.name === "cpu"), "kubernetes HorizontalPodAutoscaler", "scales on CPU");
check(objects.some(({ object }) => object.kind === "NetworkPolicy"), "kubernetes", "needs a NetworkPolicy");

const settings = find("ConfigMap", "identityhub-settings");
check(settings?.data?.IdentityHub__Database__MigrateOnStart === "false", "kubernetes ConfigMap identityhub-settings", "sets IdentityHub__Database__MigrateOnStart to \"false\": the Job migrates");
for (const secret of objects.map(({ object }) => object).filter((object) => object.kind === "Secret")) {
  for (const [key, value] of Object.entries({ ...secret.stringData, ...secret.data })) {
    check(value === "" || /REPLACE_ME/.test(value), `kubernetes Secret ${secret.metadata.name}`, `${key} must be a placeholder (REPLACE_ME or empty), never a real value`);
  }
}
for (const { file, object } of objects.filter(({ object }) => object.kind === "ConfigMap")) {
  for (const key of Object.keys(object.data ?? {})) {
    check(!/(password|secret|token|apikey)$/i.test(key) && !/connectionstrings/i.test(key), `kubernetes/${file}`, `${key} is a secret: put it in the Secret, not the ConfigMap`);
  }
}

// 3. compose.yaml and nginx: the same topology.
const compose = parse(read("compose.yaml"), { merge: true });
const services = compose.services ?? {};
const identityhubServices = Object.entries(services).filter(([, service]) => /^identityhub-(server|admin)/.test(service.image ?? ""));
const tokenServers = identityhubServices.filter(([, service]) => service.image.startsWith("identityhub-server") && !service.command).map(([name]) => name);
const admins = identityhubServices.filter(([, service]) => service.image.startsWith("identityhub-admin")).map(([name]) => name);
const migrates = identityhubServices.filter(([, service]) => service.command?.[0] === "migrate").map(([name]) => name);
check(tokenServers.length >= 2, "compose.yaml", "needs at least two token-server nodes");
check(admins.length === 1, "compose.yaml", "needs the admin host");
check(migrates.length === 1, "compose.yaml", "needs one migrate service");
check(Object.values(services).some((service) => /postgres/.test(service.image ?? "")), "compose.yaml", "needs PostgreSQL");
check(Object.values(services).some((service) => /mailpit/.test(service.image ?? "")), "compose.yaml", "needs the SMTP catcher");
const nginx = Object.entries(services).find(([, service]) => /nginx/.test(service.image ?? ""));
check(nginx, "compose.yaml", "needs nginx as the load balancer");
for (const [name, service] of identityhubServices) {
  const where = `compose.yaml service ${name}`;
  check(service.read_only === true, where, "needs read_only: true");
  check((service.tmpfs ?? []).includes("/tmp"), where, "needs a tmpfs at /tmp");
  check(service.env_file, where, "reads its settings from an env file");
  check(service.user === undefined || !/^(root|0)(:|$)/.test(String(service.user)), where, "must not run as root");
  if (!migrates.includes(name)) {
    check(service.depends_on?.[migrates[0]]?.condition === "service_completed_successfully", where, `starts after ${migrates[0]} has completed`);
  }
}
for (const [name, service] of Object.entries(services)) {
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    check(!/(password|secret|token)/i.test(key) && !/password=(?!\$\{)/i.test(String(value)), `compose.yaml service ${name}`, `${key} holds a secret inline: take it from an env file`);
  }
}
const environmentFile = read("identityhub.env.example");
check(/^IdentityHub__Database__MigrateOnStart=false$/m.test(environmentFile), "identityhub.env.example", "sets IdentityHub__Database__MigrateOnStart=false: the migrate service migrates");

const template = readdirSync(join(deploy, "nginx/templates")).map((file) => read(`nginx/templates/${file}`)).join("\n");
const upstreamHosts = (name) => [...(template.match(new RegExp(`upstream\\s+${name}\\s*\\{([^}]*)\\}`))?.[1] ?? "").matchAll(/server\s+([\w.-]+):(\d+)/g)].map((match) => `${match[1]}:${match[2]}`);
check(JSON.stringify(upstreamHosts("identityhub_server").sort()) === JSON.stringify(tokenServers.map((name) => `${name}:${PORT}`).sort()), "nginx/templates", `the token-server upstream must list exactly the compose nodes (${tokenServers.join(", ")}) on port ${PORT}`);
check(JSON.stringify(upstreamHosts("identityhub_admin")) === JSON.stringify(admins.map((name) => `${name}:${PORT}`)), "nginx/templates", "the admin upstream must be the compose admin service");

for (const problem of problems) console.log(problem);
console.log(problems.length === 0
  ? `deploy/: Dockerfile, ${objects.length} Kubernetes objects in ${manifestFiles.length} files, compose (${Object.keys(services).length} services) and nginx agree.`
  : `${problems.length} problem(s) in deploy/.`);
process.exit(problems.length === 0 ? 0 : 1);
