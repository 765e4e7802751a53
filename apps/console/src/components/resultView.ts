/** antd Result alone, for `lazy()`: its status illustrations are large and only a failure shows them. */
export { Result } from 'antd';
